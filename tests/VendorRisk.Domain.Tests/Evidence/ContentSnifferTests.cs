using System.Text;
using VendorRisk.Domain.Evidence;
using VendorRisk.Tests.Evidence;

namespace VendorRisk.Domain.Tests.Evidence;

public sealed class ContentSnifferTests
{
    private static SniffResult Sniff(byte[] content, string? name = null, OoxmlLimits? limits = null) =>
        ContentSniffer.Sniff(new MemoryStream(content), name, limits);

    [Fact]
    public void Real_files_of_every_accepted_kind_are_recognised_by_their_bytes_whatever_their_name()
    {
        Assert.Equal(EvidenceFileKind.Pdf, Sniff(EvidenceSamples.Pdf(), "photo.png").Kind);
        Assert.Equal(EvidenceFileKind.Png, Sniff(EvidenceSamples.Png(), "report.pdf").Kind);
        Assert.Equal(EvidenceFileKind.Jpeg, Sniff(EvidenceSamples.Jpeg(), null).Kind);
        Assert.Equal(EvidenceFileKind.Docx, Sniff(EvidenceSamples.Docx(), "x.xlsx").Kind);
        Assert.Equal(EvidenceFileKind.Xlsx, Sniff(EvidenceSamples.Xlsx(), "x.docx").Kind);
        Assert.Equal(EvidenceFileKind.Text, Sniff(EvidenceSamples.Text("Politique de sécurité\r\nversion 2\n"), "policy.txt").Kind);
        Assert.Equal(EvidenceFileKind.Csv, Sniff(EvidenceSamples.Text("a;b\n1;2\n"), "controls.CSV").Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 }, ContentRefusal.UnknownType)] // Windows executable
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 }, ContentRefusal.UnknownType)] // ELF
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x00 }, ContentRefusal.UnknownType)] // GIF with a NUL
    [InlineData(new byte[] { 0xFF, 0xFE, 0x41, 0x00 }, ContentRefusal.UnknownType)] // UTF-16
    [InlineData(new byte[] { 0xC3 }, ContentRefusal.UnknownType)] // cut UTF-8 sequence
    [InlineData(new byte[] { }, ContentRefusal.Empty)]
    public void Forged_and_foreign_bytes_are_refused(byte[] content, ContentRefusal expected) =>
        Assert.Equal(expected, Sniff(content, "evidence.pdf").Refusal);

    [Fact]
    public void A_declared_type_or_name_never_makes_a_file_acceptable()
    {
        byte[] exe = [0x4D, 0x5A, .. Enumerable.Repeat((byte)0, 100)];
        Assert.False(Sniff(exe, "certificate.pdf").Accepted);
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>\0");
        Assert.False(Sniff(html, "scan.png").Accepted);
    }

    [Fact]
    public void Truncated_pdfs_and_images_are_refused()
    {
        var pdf = EvidenceSamples.Pdf();
        Assert.Equal(ContentRefusal.TruncatedPdf, Sniff(pdf[..(pdf.Length / 2)]).Refusal);
        var png = EvidenceSamples.Png();
        Assert.Equal(ContentRefusal.TruncatedImage, Sniff(png[..^4]).Refusal);
        var jpeg = EvidenceSamples.Jpeg();
        Assert.Equal(ContentRefusal.TruncatedImage, Sniff(jpeg[..^2]).Refusal);
    }

    [Fact]
    public void A_polyglot_is_judged_by_its_first_bytes_only()
    {
        // An HTML page that also ends like a PDF is not a PDF (it does not start with %PDF-) and contains markup, which is text: served as text/plain with nosniff.
        var polyglot = Encoding.UTF8.GetBytes("<html><body>hi</body></html>\n%%EOF\n");
        Assert.Equal(EvidenceFileKind.Text, Sniff(polyglot, "a.pdf").Kind);

        // A PDF with a ZIP appended is a PDF and nothing else.
        byte[] pdfZip = [.. EvidenceSamples.Pdf(), .. EvidenceSamples.Docx(), .. "%%EOF\n"u8.ToArray()];
        Assert.Equal(EvidenceFileKind.Pdf, Sniff(pdfZip).Kind);
    }

    [Fact]
    public void Zip_archives_that_are_not_office_documents_are_refused()
    {
        Assert.Equal(ContentRefusal.NotOfficeDocument, Sniff(EvidenceSamples.Zip([("readme.txt", "hi"u8.ToArray())])).Refusal);
        Assert.Equal(ContentRefusal.NotOfficeDocument, Sniff(EvidenceSamples.Zip([("[Content_Types].xml", "<Types/>"u8.ToArray())])).Refusal);
        Assert.Equal(ContentRefusal.MacroDocument, Sniff(EvidenceSamples.Zip([("[Content_Types].xml", "<T/>"u8.ToArray()), ("word/document.xml", "<d/>"u8.ToArray()), ("word/vbaProject.bin", [1, 2])])).Refusal);
        Assert.Equal(ContentRefusal.ArchiveUnsafeEntry, Sniff(EvidenceSamples.Zip([("[Content_Types].xml", "<T/>"u8.ToArray()), ("word/document.xml", "<d/>"u8.ToArray()), ("../../etc/passwd", [1])])).Refusal);
        var corrupt = EvidenceSamples.Docx();
        Assert.Equal(ContentRefusal.ArchiveCorrupt, Sniff(corrupt[..(corrupt.Length - 30)]).Refusal);
    }

    [Fact]
    public void Office_documents_are_bounded_in_entries_and_in_expanded_size_actually_read()
    {
        var limits = new OoxmlLimits(MaxEntries: 50, MaxExpandedBytes: 10 * 1024 * 1024, MaxEntryBytes: 10 * 1024 * 1024);
        Assert.Equal(EvidenceFileKind.Docx, Sniff(EvidenceSamples.Docx(extraEntries: 48), limits: limits).Kind);
        Assert.Equal(ContentRefusal.ArchiveTooManyEntries, Sniff(EvidenceSamples.Docx(extraEntries: 49), limits: limits).Refusal);

        var bomb = EvidenceSamples.ZipBomb(64L * 1024 * 1024);
        Assert.True(bomb.Length < 200_000, $"the bomb is {bomb.Length} bytes");
        Assert.Equal(ContentRefusal.ArchiveTooLarge, Sniff(bomb, limits: limits).Refusal);
    }

    [Fact]
    public void An_archive_that_lies_about_its_expanded_size_is_caught_while_expanding()
    {
        // Patch the declared uncompressed size (central directory and local header) down to 1 byte.
        var bomb = EvidenceSamples.ZipBomb(32L * 1024 * 1024);
        PatchUncompressedSizes(bomb, "word/media/zeros.bin", 1);
        var limits = new OoxmlLimits(MaxEntries: 50, MaxExpandedBytes: 4 * 1024 * 1024, MaxEntryBytes: 4 * 1024 * 1024);
        var result = Sniff(bomb, limits: limits);
        Assert.False(result.Accepted);
        Assert.Equal(ContentRefusal.ArchiveCorrupt, result.Refusal);
    }

    [Theory]
    [InlineData("../../etc/passwd", EvidenceFileKind.Pdf, "passwd.pdf")]
    [InlineData("C:\\Users\\x\\report.final.PDF", EvidenceFileKind.Pdf, "report.final.pdf")]
    [InlineData("evil\"; filename=x.html", EvidenceFileKind.Text, "evil__ filename=x.txt")]
    [InlineData("report\u202Efdp.exe", EvidenceFileKind.Pdf, "reportfdp.pdf")]
    [InlineData("   ", EvidenceFileKind.Png, "document.png")]
    [InlineData(null, EvidenceFileKind.Jpeg, "document.jpg")]
    [InlineData(".htaccess", EvidenceFileKind.Text, "htaccess.txt")]
    [InlineData("line\r\nbreak.csv", EvidenceFileKind.Csv, "linebreak.csv")]
    public void Original_names_are_sanitised_and_take_the_extension_of_the_content(string? name, EvidenceFileKind kind, string expected) =>
        Assert.Equal(expected, FileNames.Sanitise(name, kind));

    [Fact]
    public void Huge_names_are_cut_without_splitting_characters()
    {
        var name = string.Concat(Enumerable.Repeat("é😀", 500)) + ".pdf";
        var safe = FileNames.Sanitise(name, EvidenceFileKind.Pdf);
        Assert.True(safe.Length <= FileNames.MaxLength);
        Assert.EndsWith(".pdf", safe, StringComparison.Ordinal);
        // A split surrogate pair would not survive strict UTF-8 encoding.
        _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(safe);
    }

    [Theory]
    [InlineData(0, ExpiryBand.Within7Days)]
    [InlineData(7, ExpiryBand.Within7Days)]
    [InlineData(8, ExpiryBand.Within30Days)]
    [InlineData(30, ExpiryBand.Within30Days)]
    [InlineData(31, ExpiryBand.Within60Days)]
    [InlineData(60, ExpiryBand.Within60Days)]
    [InlineData(61, ExpiryBand.None)]
    [InlineData(-1, ExpiryBand.Expired)]
    public void Expiry_bands_are_60_30_7_days_and_expired(int daysLeft, ExpiryBand expected)
    {
        var today = new DateOnly(2026, 11, 28);
        Assert.Equal(expected, ExpiryBands.For(today.AddDays(daysLeft), today));
    }

    private static void PatchUncompressedSizes(byte[] zip, string entryName, uint size)
    {
        var name = Encoding.ASCII.GetBytes(entryName);
        for (var i = 0; i < zip.Length - 46; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x03 && zip[i + 3] == 0x04 && zip.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22), size);
            }

            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02 && i + 46 + name.Length <= zip.Length && zip.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24), size);
            }
        }
    }
}
