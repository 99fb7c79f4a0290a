using System.Globalization;
using System.Text;

namespace VendorRisk.Domain.Vendors;

/// <summary>
/// The folded form of a text used for searching and for duplicate detection: lower case, without
/// diacritics ("Hôpital" and "HOPITAL" both give "hopital"), ligatures spelled out (œ → oe,
/// æ → ae, ß → ss), runs of white space collapsed to one space. It is computed in .NET on save
/// and stored, so SQLite and PostgreSQL compare the same bytes (docs/adr/0011).
/// </summary>
public static class SearchText
{
    public static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            switch (char.ToLowerInvariant(c))
            {
                case 'œ':
                    builder.Append("oe");
                    break;
                case 'æ':
                    builder.Append("ae");
                    break;
                case 'ß':
                    builder.Append("ss");
                    break;
                case 'ø':
                    builder.Append('o');
                    break;
                case 'đ':
                    builder.Append('d');
                    break;
                case 'ł':
                    builder.Append('l');
                    break;
                case var lower:
                    builder.Append(lower);
                    break;
            }
        }

        return builder.ToString();
    }
}
