using System.IO.Compression;
using System.Text;

namespace VendorRisk.Domain.Evidence;

/// <summary>Why a file was refused; each has its own message for the user.</summary>
public enum ContentRefusal
{
    None = 0,
    Empty = 1,
    TooLarge = 2,
    UnknownType = 3,
    TruncatedPdf = 4,
    TruncatedImage = 5,
    NotOfficeDocument = 6,
    ArchiveTooManyEntries = 7,
    ArchiveTooLarge = 8,
    ArchiveCorrupt = 9,
    ArchiveUnsafeEntry = 10,
    MacroDocument = 11,
    NotText = 12,

    /// <summary>Not about the content: the organisation's storage quota would be exceeded.</summary>
    QuotaExceeded = 20,
}

/// <summary>The verdict on one file: its kind, or why it is refused.</summary>
public sealed record SniffResult(EvidenceFileKind? Kind, ContentRefusal Refusal)
{
    public bool Accepted => Kind is not null;

    public static SniffResult Accept(EvidenceFileKind kind) => new(kind, ContentRefusal.None);

    public static SniffResult Refuse(ContentRefusal refusal) => new(null, refusal);
}

/// <summary>Bounds on what an office document (a ZIP) may expand to.</summary>
public sealed record OoxmlLimits(int MaxEntries = 2_000, long MaxExpandedBytes = 200L * 1024 * 1024, long MaxEntryBytes = 100L * 1024 * 1024)
{
    public static OoxmlLimits Default { get; } = new();
}

/// <summary>
/// Decides what a file is from its bytes, never from its name or declared media type: PDF, PNG,
/// JPEG, DOCX/XLSX (a real Office Open XML package whose archive stays within
/// <see cref="OoxmlLimits"/> when actually expanded) and UTF-8 text (TXT, or CSV when so named).
/// Everything else is refused with a reason.
/// </summary>
public static class ContentSniffer
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PdfEnd = "%%EOF"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngEnd = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] JpegEnd = [0xFF, 0xD9];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    private const int TailWindow = 1024;

    /// <summary>Sniffs a seekable stream from its start; the position is left anywhere.</summary>
    public static SniffResult Sniff(Stream content, string? originalName, OoxmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek || !content.CanRead)
        {
            throw new ArgumentException("Content sniffing needs a readable, seekable stream.", nameof(content));
        }

        limits ??= OoxmlLimits.Default;
        var length = content.Length;
        if (length == 0)
        {
            return SniffResult.Refuse(ContentRefusal.Empty);
        }

        var head = ReadAt(content, 0, (int)Math.Min(length, 16));
        var tail = ReadAt(content, Math.Max(0, length - TailWindow), (int)Math.Min(length, TailWindow));

        if (StartsWith(head, PdfMagic))
        {
            return Contains(tail, PdfEnd) ? SniffResult.Accept(EvidenceFileKind.Pdf) : SniffResult.Refuse(ContentRefusal.TruncatedPdf);
        }

        if (StartsWith(head, PngMagic))
        {
            return EndsWith(tail, PngEnd) ? SniffResult.Accept(EvidenceFileKind.Png) : SniffResult.Refuse(ContentRefusal.TruncatedImage);
        }

        if (StartsWith(head, JpegMagic))
        {
            // Some cameras append a few bytes after the end-of-image marker.
            return Contains(tail.AsSpan(Math.Max(0, tail.Length - 64)), JpegEnd) ? SniffResult.Accept(EvidenceFileKind.Jpeg) : SniffResult.Refuse(ContentRefusal.TruncatedImage);
        }

        if (StartsWith(head, ZipMagic))
        {
            content.Position = 0;
            return SniffOoxml(content, limits);
        }

        content.Position = 0;
        if (IsText(content))
        {
            var csv = originalName is not null && originalName.Trim().EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            return SniffResult.Accept(csv ? EvidenceFileKind.Csv : EvidenceFileKind.Text);
        }

        return SniffResult.Refuse(ContentRefusal.UnknownType);
    }

    private static SniffResult SniffOoxml(Stream content, OoxmlLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxEntries)
            {
                return SniffResult.Refuse(ContentRefusal.ArchiveTooManyEntries);
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Contains("..") || name.Contains(':', StringComparison.Ordinal))
                {
                    return SniffResult.Refuse(ContentRefusal.ArchiveUnsafeEntry);
                }

                if (!names.Add(name))
                {
                    return SniffResult.Refuse(ContentRefusal.ArchiveUnsafeEntry);
                }

                if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                {
                    return SniffResult.Refuse(ContentRefusal.MacroDocument);
                }

                // Deflate never makes data much bigger: an entry whose compressed size exceeds its
                // declared size by more than the format's overhead lies about what it expands to.
                if (entry.CompressedLength > entry.Length + (entry.Length / 100) + 1024)
                {
                    return SniffResult.Refuse(ContentRefusal.ArchiveCorrupt);
                }

                declared += entry.Length;
                if (entry.Length > limits.MaxEntryBytes || declared > limits.MaxExpandedBytes)
                {
                    return SniffResult.Refuse(ContentRefusal.ArchiveTooLarge);
                }
            }

            EvidenceFileKind kind;
            if (!names.Contains("[Content_Types].xml"))
            {
                return SniffResult.Refuse(ContentRefusal.NotOfficeDocument);
            }
            else if (names.Contains("word/document.xml"))
            {
                kind = EvidenceFileKind.Docx;
            }
            else if (names.Contains("xl/workbook.xml"))
            {
                kind = EvidenceFileKind.Xlsx;
            }
            else
            {
                return SniffResult.Refuse(ContentRefusal.NotOfficeDocument);
            }

            // Declared sizes can lie: expand every entry for real, counting, and stop at the bound.
            long expanded = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                long entryBytes = 0;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    entryBytes += read;
                    expanded += read;
                    if (entryBytes > limits.MaxEntryBytes || expanded > limits.MaxExpandedBytes)
                    {
                        return SniffResult.Refuse(ContentRefusal.ArchiveTooLarge);
                    }
                }

                if (entryBytes != entry.Length)
                {
                    return SniffResult.Refuse(ContentRefusal.ArchiveCorrupt);
                }
            }

            return SniffResult.Accept(kind);
        }
        catch (InvalidDataException)
        {
            return SniffResult.Refuse(ContentRefusal.ArchiveCorrupt);
        }
        catch (NotSupportedException)
        {
            // Encrypted entries, unknown compression methods.
            return SniffResult.Refuse(ContentRefusal.ArchiveCorrupt);
        }
    }

    /// <summary>UTF-8 (with or without a byte-order mark) holding no control character other than tab, line breaks and form feed.</summary>
    private static bool IsText(Stream content)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[16384];
        var chars = new char[16384 + 4];
        int read;
        try
        {
            while ((read = content.Read(bytes, 0, bytes.Length)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                for (var i = 0; i < count; i++)
                {
                    var c = chars[i];
                    if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
                    {
                        return false;
                    }
                }
            }

            // Flush: an incomplete sequence at the end is invalid.
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static byte[] ReadAt(Stream content, long offset, int count)
    {
        var buffer = new byte[count];
        content.Position = offset;
        content.ReadExactly(buffer);
        return buffer;
    }

    private static bool StartsWith(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix) => data.StartsWith(prefix);

    private static bool EndsWith(ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix) => data.EndsWith(suffix);

    private static bool Contains(ReadOnlySpan<byte> data, ReadOnlySpan<byte> value) => data.IndexOf(value) >= 0;
}
