using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Web.Features.Vendors.Import;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Tests.Tabular;

public sealed class VendorImportFileTests
{
    private static readonly string[] Headers = ["Legal name", "Country", "Registration number", "Website", "Contact name", "Contact e-mail", "Contact phone", "Products", "Engagements", "Highest tier", "Archived"];

    [Theory]
    [InlineData("Raison sociale", VendorColumn.LegalName)]
    [InlineData("legal_name", VendorColumn.LegalName)]
    [InlineData("LEGAL NAME", VendorColumn.LegalName)]
    [InlineData("Numéro d'immatriculation", VendorColumn.RegistrationNumber)]
    [InlineData("SIRET", VendorColumn.RegistrationNumber)]
    [InlineData("Pays", VendorColumn.Country)]
    [InlineData("E-mail du contact", VendorColumn.ContactEmail)]
    [InlineData("Téléphone", VendorColumn.ContactPhone)]
    public void Headers_are_recognised_in_english_and_french(string header, VendorColumn column) =>
        Assert.Equal(column, VendorImportReader.Recognise(header));

    [Fact]
    public void Rows_are_mapped_by_header_unknown_columns_listed_and_export_apostrophes_removed()
    {
        var sheet = TabularFile.Read(
            Encoding.UTF8.GetBytes("Pays;Raison sociale;Notes;Téléphone du contact\nfr;Hôpital Privé;x;'+33 1 23 45 67 89\n"),
            VendorImportReader.Limits, cancellationToken: TestContext.Current.CancellationToken);

        var (rows, columns, ignored) = VendorImportReader.Map(sheet);

        var row = Assert.Single(rows);
        Assert.Equal((2, "Hôpital Privé", "FR", "+33 1 23 45 67 89"), (row.Row, row.LegalName, row.CountryCode, row.ContactPhone));
        Assert.Equal(["Notes"], ignored);
        Assert.Equal(1, columns[VendorColumn.LegalName]);
    }

    [Fact]
    public void Registration_keys_ignore_spaces_and_punctuation() =>
        Assert.Equal(VendorImportReader.RegistrationKey("732 829 320 00074"), VendorImportReader.RegistrationKey("73282932000074"));

    [Fact]
    public void The_excel_export_writes_hostile_names_as_text_never_as_formulas_and_reads_back_unchanged()
    {
        var hostile = "=HYPERLINK(\"http://evil.example\",\"Click\")";
        var rows = new[] { new VendorExportRow(hostile, "FR", null, null, "@admin", null, "+33 1 00 00 00 00", 1, 2, RiskTier.Critical, false) };

        var bytes = VendorExport.ToWorkbook(rows, Headers, t => t.ToString(), b => b ? "yes" : "no");

        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        }

        using var stream = new MemoryStream(bytes);
        var first = ((IDictionary<string, object?>)stream.Query(useHeaderRow: true).First());
        Assert.Equal("'" + hostile, first["Legal name"]);
        Assert.Equal("'@admin", first["Contact name"]);

        var (imported, _, _) = VendorImportReader.Map(TabularFile.Read(bytes, VendorImportReader.Limits, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((hostile, "@admin", "+33 1 00 00 00 00"), (imported[0].LegalName, imported[0].ContactName, imported[0].ContactPhone));
    }

    [Fact]
    public void The_csv_export_prefixes_formula_like_cells_and_has_a_bom()
    {
        var rows = new[] { new VendorExportRow("-1+1", "FR", "732 829 320 00074", null, null, null, null, 0, 0, null, true) };

        var bytes = VendorExport.ToCsv(rows, Headers, t => t.ToString(), b => b ? "yes" : "no", ';');

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("Legal name;Country;", lines[0], StringComparison.Ordinal);
        Assert.Equal("'-1+1;FR;732 829 320 00074;;;;;0;0;;yes", lines[1]);
    }

    [Theory]
    [InlineData("Hôpital Privé d'Antony", "hopital prive d'antony")]
    [InlineData("  SOCIÉTÉ   GÉNÉRALE ", "societe generale")]
    [InlineData("Œuvre Straße Æsir", "oeuvre strasse aesir")]
    [InlineData("ＡＢＣ", "abc")]
    public void Search_text_folds_case_accents_ligatures_and_spaces(string value, string folded) =>
        Assert.Equal(folded, SearchText.Fold(value));
}
