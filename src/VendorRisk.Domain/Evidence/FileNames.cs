using System.Globalization;
using System.Text;

namespace VendorRisk.Domain.Evidence;

/// <summary>Original file names are kept as metadata only; this makes one safe to show and to send back in Content-Disposition.</summary>
public static class FileNames
{
    public const int MaxLength = 120;

    private const string Fallback = "document";

    /// <summary>
    /// The last path segment (either separator), without control, format or reserved characters,
    /// without leading dots or trailing dots and spaces, at most <see cref="MaxLength"/> characters
    /// (the extension kept), and ending in the extension of the sniffed <paramref name="kind"/>.
    /// </summary>
    public static string Sanitise(string? name, EvidenceFileKind kind)
    {
        var extension = kind.Extension();
        var baseName = Clean(name);
        var dot = baseName.LastIndexOf('.');
        if (dot > 0)
        {
            baseName = baseName[..dot];
        }

        baseName = baseName.Trim().TrimEnd('.', ' ');
        if (baseName.Length == 0)
        {
            baseName = Fallback;
        }

        var maxBase = MaxLength - extension.Length;
        if (baseName.Length > maxBase)
        {
            // Cut on a text element boundary so no surrogate pair or combined character is split.
            var cut = new StringBuilder(maxBase);
            var elements = StringInfo.GetTextElementEnumerator(baseName);
            while (elements.MoveNext() && cut.Length + elements.GetTextElement().Length <= maxBase)
            {
                cut.Append(elements.GetTextElement());
            }

            baseName = cut.ToString();
            baseName = baseName.TrimEnd('.', ' ');
        }

        return baseName + extension;
    }

    private static string Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var lastSeparator = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        var segment = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;
        var builder = new StringBuilder(Math.Min(segment.Length, 1024));
        foreach (var rune in segment.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (builder.Length >= 1024)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            if (rune.IsAscii && "<>:\"|?*;%".Contains((char)rune.Value, StringComparison.Ordinal))
            {
                builder.Append('_');
                continue;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString().TrimStart('.', ' ');
    }
}
