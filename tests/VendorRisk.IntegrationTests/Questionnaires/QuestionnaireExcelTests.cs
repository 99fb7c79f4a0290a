using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.IntegrationTests.Questionnaires;

/// <summary>Excel export and import of a version, on SQLite and PostgreSQL.</summary>
[Collection(SharedApps.Name)]
public sealed class QuestionnaireExcelTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Excel_export_then_import_gives_an_identical_new_template(DatabaseProvider provider)
    {
        var library = await LibraryAsync(provider);
        var source = await library.CopyBuiltInAsync(BuiltInTemplate.ClinicalSoftwareBaselineKey, Ct);
        var workbook = await library.ExportExcelAsync(source, 1, Ct);

        var imported = await library.ImportExcelAsync(new MemoryStream(workbook!.Content), Ct);

        Assert.Null(imported.Error);
        Assert.Equal((await library.ExportJsonAsync(source, 1, Ct))!.Content, (await library.ExportJsonAsync(imported.TemplateId!.Value, 1, Ct))!.Content);
        Assert.EndsWith("-v1.xlsx", workbook.FileName, StringComparison.Ordinal);
        Assert.True((await library.PublishAsync(imported.TemplateId.Value, Ct)).Published);
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadWorkbooks()
    {
        // The message id (resource ImportError_{id}) and, for an error in a cell, "sheet|row|column":
        // the first three arguments, which every language's text names.
        var data = new TheoryData<DatabaseProvider, string, string, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            data.Add(provider, "text-named-xlsx", "WorkbookNotXlsx", "");
            data.Add(provider, "zip-not-xlsx", "WorkbookZipNotXlsx", "");
            data.Add(provider, "zip-bomb", "WorkbookZipBomb", "");
            data.Add(provider, "missing-sheet", "WorkbookMissingSheet", "");
            data.Add(provider, "unknown-column", "WorkbookUnknownColumns", "");
            data.Add(provider, "bad-weight", "WorkbookNotANumber", "Questions|3|weight");
            data.Add(provider, "bad-type", "WorkbookNotOneOf", "Questions|2|type");
            data.Add(provider, "unknown-section", "WorkbookUnknownSection", "Questions|2|section");
            data.Add(provider, "too-many-rows", "WorkbookTooManyRows", "");
            data.Add(provider, "bad-condition", "WorkbookCondition", "Questions|3|visible_when");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadWorkbooks))]
    public async Task A_bad_workbook_is_refused_with_a_message_naming_where_and_nothing_is_saved(DatabaseProvider provider, string kind, string expectedId, string where)
    {
        var library = await LibraryAsync(provider);

        var result = await library.ImportExcelAsync(new MemoryStream(Build(kind)), Ct);

        Assert.Null(result.TemplateId);
        Assert.Equal(expectedId, result.Error?.MessageId);
        if (where.Length > 0)
        {
            Assert.Equal(where, string.Join('|', result.Error!.Arguments.Take(3)));
        }

        Assert.Empty(await library.ListAsync(Ct));
    }

    private static byte[] Build(string kind)
    {
        switch (kind)
        {
            case "text-named-xlsx":
                return Encoding.UTF8.GetBytes("key,type\nmfa,yesNo\n");
            case "zip-not-xlsx":
                return Zip(("readme.txt", 10));
            case "zip-bomb":
                return Zip(("[Content_Types].xml", 10), ("xl/worksheets/sheet1.xml", 101 * 1024 * 1024));
        }

        var template = new List<Dictionary<string, object>>
        {
            new() { ["field"] = "format", ["value"] = TemplateDocument.FormatName },
            new() { ["field"] = "name_fr", ["value"] = "Essai" },
            new() { ["field"] = "name_en", ["value"] = "Trial" },
        };
        var sections = new List<Dictionary<string, object>> { new() { ["key"] = "access", ["title_fr"] = "Accès", ["title_en"] = "Access" } };
        Dictionary<string, object> Question(string key, string type = "yesNo", string weight = "1", string section = "access", string condition = "") =>
            new() { ["section"] = section, ["key"] = key, ["type"] = type, ["text_fr"] = key, ["text_en"] = key, ["weight"] = weight, ["visible_when"] = condition };
        var questions = kind switch
        {
            "bad-weight" => [Question("remote"), Question("mfa", weight: "heavy")],
            "bad-type" => [Question("remote", type: "essay")],
            "unknown-section" => [Question("remote", section: "nowhere")],
            "too-many-rows" => Enumerable.Range(0, QuestionnaireWorkbook.MaxRows + 1).Select(i => Question($"q{i}")).ToList(),
            "bad-condition" => [Question("remote"), Question("mfa", condition: """{ "question": "remote", "operator": "sameAs" }""")],
            _ => new List<Dictionary<string, object>> { Question("remote") },
        };
        if (kind == "unknown-column")
        {
            questions[0]["colour"] = "red";
        }

        var sheets = new Dictionary<string, object> { ["Template"] = template, ["Sections"] = sections };
        if (kind != "missing-sheet")
        {
            sheets["Questions"] = questions;
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, int Size)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, size) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                var zeros = new byte[1024 * 1024];
                for (var written = 0; written < size; written += zeros.Length)
                {
                    entry.Write(zeros, 0, Math.Min(zeros.Length, size - written));
                }
            }
        }

        return stream.ToArray();
    }

    private async Task<QuestionnaireLibraryService> LibraryAsync(DatabaseProvider provider)
    {
        var hospital = await apps[provider].CreateOrganisationAsync(OrganisationKind.Hospital);
        return TenantLibrary.For(apps[provider], hospital.Id);
    }
}
