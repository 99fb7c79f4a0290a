using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Tests.Tabular;

public sealed class TabularFileTests
{
    private static readonly TabularLimits Limits = new(5 * 1024 * 1024, 10_000, 2_000);

    private static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_comma_separated_file_gives_its_header_and_rows_numbered_as_a_spreadsheet_shows_them()
    {
        var sheet = TabularFile.Read(Utf8("name,country\nHelios,FR\n\nBiolab,DE\n"), Limits, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["name", "country"], sheet.Headers);
        Assert.Equal(',', sheet.Delimiter);
        Assert.Collection(
            sheet.Rows,
            r => Assert.Equal((2, "Helios", "FR"), (r.Number, r[0], r[1])),
            r => Assert.Equal((4, "Biolab", "DE"), (r.Number, r[0], r[1])));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_header()
    {
        var sheet = TabularFile.Read(Utf8("legal_name;country\r\nHôpital Privé;FR\r\n", bom: true), Limits, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("legal_name", sheet.Headers[0]);
        Assert.Equal("Hôpital Privé", sheet.Rows[0][0]);
    }

    [Fact]
    public void Semicolons_are_detected_as_the_separator_even_with_commas_in_values()
    {
        var sheet = TabularFile.Read(Utf8("Raison sociale;Pays;Poids\n\"Dupont, Fils et Cie\";FR;1,5\n"), Limits, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(';', sheet.Delimiter);
        Assert.Equal(["Dupont, Fils et Cie", "FR", "1,5"], sheet.Rows[0].Cells);
    }

    [Fact]
    public void Tab_separated_files_are_read()
    {
        var sheet = TabularFile.Read(Utf8("a\tb\n1\t2\n"), Limits, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal('\t', sheet.Delimiter);
        Assert.Equal(["1", "2"], sheet.Rows[0].Cells);
    }

    [Fact]
    public void A_windows_1252_file_from_a_french_excel_keeps_its_accents()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("Raison sociale;Pays\nSociété Générale Œuvre;FR\n");

        var sheet = TabularFile.Read(bytes, Limits, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Société Générale Œuvre", sheet.Rows[0][0]);
    }

    [Fact]
    public void A_quoted_value_may_span_lines()
    {
        var sheet = TabularFile.Read(Utf8("key,options\nq1,\"Oui = 100\nNon = 0\"\nq2,x\n"), Limits, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Oui = 100\nNon = 0", sheet.Rows[0][1]);
        Assert.Equal("q2", sheet.Rows[1][0]);
    }

    [Fact]
    public void Missing_trailing_cells_are_empty_and_extra_cells_are_dropped()
    {
        var sheet = TabularFile.Read(Utf8("a,b,c\n1\n1,2,3,4\n"), Limits, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["1", null, null], sheet.Rows[0].Cells);
        Assert.Equal(["1", "2", "3"], sheet.Rows[1].Cells);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n ")]
    public void An_empty_file_or_one_without_header_is_refused(string text)
    {
        var error = Assert.Throws<TabularFileException>(() => TabularFile.Read(Utf8(text), Limits, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(error.Problem, new[] { TabularProblem.Empty, TabularProblem.NoHeader });
    }

    [Fact]
    public void Ten_thousand_rows_are_accepted_and_one_more_is_refused_naming_the_row()
    {
        var rows = string.Concat(Enumerable.Range(1, 10_000).Select(i => $"Vendor {i},FR\n"));
        Assert.Equal(10_000, TabularFile.Read(Utf8("name,country\n" + rows), Limits, cancellationToken: TestContext.Current.CancellationToken).Rows.Count);

        var error = Assert.Throws<TabularFileException>(() => TabularFile.Read(Utf8("name,country\n" + rows + "One too many,FR\n"), Limits, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(TabularProblem.TooManyRows, error.Problem);
        Assert.Equal(10_002, error.Row);
    }

    [Fact]
    public void A_huge_cell_is_refused_with_its_row_and_column()
    {
        var error = Assert.Throws<TabularFileException>(() => TabularFile.Read(Utf8($"name,country\nok,FR\n{new string('x', 2_001)},FR\n"), Limits, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((TabularProblem.CellTooLong, 3, "name"), (error.Problem, error.Row, error.Column));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading()
    {
        var error = Assert.Throws<TabularFileException>(() => TabularFile.Read(new byte[101], Limits with { MaxBytes = 100 }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(TabularProblem.TooLarge, error.Problem);
    }

    [Fact]
    public async Task A_stream_longer_than_allowed_is_refused_without_reading_it_all()
    {
        await using var stream = new MemoryStream(new byte[1000]);

        var error = await Assert.ThrowsAsync<TabularFileException>(() => TabularFile.ReadAllAsync(stream, 999, TestContext.Current.CancellationToken));

        Assert.Equal(TabularProblem.TooLarge, error.Problem);
    }

    [Fact]
    public void An_excel_workbook_is_read_with_its_sheets_and_formula_values_as_text()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object>
        {
            ["Vendors"] = new[] { new Dictionary<string, object> { ["Raison sociale"] = "Hélios", ["Pays"] = "FR", ["Poids"] = 1.5 } },
            ["Other"] = new[] { new Dictionary<string, object> { ["x"] = "y" } },
        });

        var bytes = stream.ToArray();
        var first = TabularFile.Read(bytes, Limits, cancellationToken: TestContext.Current.CancellationToken);
        var other = TabularFile.Read(bytes, Limits, "Other", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["Vendors", "Other"], first.SheetNames);
        Assert.Equal(["Raison sociale", "Pays", "Poids"], first.Headers);
        Assert.Equal(["Hélios", "FR", "1.5"], first.Rows[0].Cells);
        Assert.Equal(2, first.Rows[0].Number);
        Assert.Equal("y", other.Rows[0][0]);
        Assert.Equal(TabularProblem.SheetMissing, Assert.Throws<TabularFileException>(() => TabularFile.Read(bytes, Limits, "Nope", cancellationToken: TestContext.Current.CancellationToken)).Problem);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_or_not_a_zip_at_all_is_refused_as_not_a_workbook()
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }

        Assert.Equal(TabularProblem.NotAWorkbook, Assert.Throws<TabularFileException>(() => TabularFile.Read(zipped.ToArray(), Limits, cancellationToken: TestContext.Current.CancellationToken)).Problem);
        Assert.Equal(TabularProblem.NotAWorkbook, Assert.Throws<TabularFileException>(() => TabularFile.Read([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5], Limits, cancellationToken: TestContext.Current.CancellationToken)).Problem);
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_declared_size_before_any_xml_is_parsed()
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 11; i++)
            {
                entry.Write(zeros);
            }
        }

        var error = Assert.Throws<TabularFileException>(() => TabularFile.Read(zipped.ToArray(), Limits with { MaxUncompressedBytes = 10 * 1024 * 1024 }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(TabularProblem.ZipBomb, error.Problem);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters_follow_excel(int index, string letters) => Assert.Equal(letters, TabularFile.ColumnLetter(index));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+33 1 23 45 67 89", "'+33 1 23 45 67 89")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Helios", "Helios")]
    [InlineData("", "")]
    public void Formula_like_cells_are_neutralised_and_restored(string value, string safe)
    {
        Assert.Equal(safe, SpreadsheetSafe.Neutralise(value));
        Assert.Equal(value, SpreadsheetSafe.Restore(safe));
    }

    [Fact]
    public void An_apostrophe_before_plain_text_is_kept() => Assert.Equal("'quoted", SpreadsheetSafe.Restore("'quoted"));
}
