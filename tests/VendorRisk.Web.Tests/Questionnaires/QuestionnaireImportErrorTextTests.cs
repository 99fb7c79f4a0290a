using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.Web.Tests.Questionnaires;

/// <summary>Import errors carry an id and invariant arguments; the UI renders them in its own language.</summary>
public sealed class QuestionnaireImportErrorTextTests : VendorRiskTestContext
{
    private IStringLocalizer<SharedResource> L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public void A_workbook_error_reads_in_french_and_names_the_sheet_row_and_column()
    {
        var error = Assert.Throws<WorkbookImportException>(() => QuestionnaireWorkbook.Read(Workbook(weight: "heavy"))).ImportError;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");

        Assert.Equal("WorkbookNotANumber", error.MessageId);
        Assert.Equal(
            "Feuille Questions, ligne 3, colonne weight : « heavy » n'est pas un nombre (utilisez un point pour les décimales).",
            QuestionnaireText.Of(error, L));
    }

    [Fact]
    public void A_condition_error_in_a_cell_reads_in_french_down_to_its_cause()
    {
        var error = Assert.Throws<WorkbookImportException>(() => QuestionnaireWorkbook.Read(Workbook(condition: """{"question":"remote","operator":"anyOf","value":"yes"}"""))).ImportError;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");

        Assert.Equal(
            "Feuille Questions, ligne 3, colonne visible_when : La condition est invalide : L'opérateur anyOf attend \"values\".",
            QuestionnaireText.Of(error, L));
    }

    [Fact]
    public void The_english_rendering_is_the_resource_not_the_log_text_and_an_unknown_id_falls_back_to_it()
    {
        var error = Assert.Throws<WorkbookImportException>(() => QuestionnaireWorkbook.Read(Workbook(weight: "heavy"))).ImportError;

        Assert.Equal("Sheet Questions, row 3, column weight: \"heavy\" is not a number (use a dot for decimals).", QuestionnaireText.Of(error, L));
        Assert.Equal("log text", QuestionnaireText.Of(new QuestionnaireImportError("NoSuchId", [], "log text"), L));
    }

    private static byte[] Workbook(string weight = "1", string condition = "")
    {
        Dictionary<string, object> Question(string key, string weight = "1", string condition = "") =>
            new() { ["section"] = "access", ["key"] = key, ["type"] = "yesNo", ["text_fr"] = key, ["text_en"] = key, ["weight"] = weight, ["visible_when"] = condition };
        var sheets = new Dictionary<string, object>
        {
            ["Template"] = new List<Dictionary<string, object>>
            {
                new() { ["field"] = "format", ["value"] = TemplateDocument.FormatName },
                new() { ["field"] = "name_fr", ["value"] = "Essai" },
                new() { ["field"] = "name_en", ["value"] = "Trial" },
            },
            ["Sections"] = new List<Dictionary<string, object>> { new() { ["key"] = "access", ["title_fr"] = "Accès", ["title_en"] = "Access" } },
            ["Questions"] = new List<Dictionary<string, object>> { Question("remote"), Question("mfa", weight, condition) },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }
}
