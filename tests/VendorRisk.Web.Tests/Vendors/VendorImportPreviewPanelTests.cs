using Bunit;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Web.Features.Vendors;
using VendorRisk.Web.Features.Vendors.Import;

namespace VendorRisk.Web.Tests.Vendors;

public sealed class VendorImportPreviewPanelTests : VendorRiskTestContext
{
    private static readonly Dictionary<VendorColumn, string> Headers = new() { [VendorColumn.LegalName] = "Raison sociale", [VendorColumn.Country] = "Pays" };

    private static VendorImportRow Row(int number, string name) => new(number, name, "FR", null, null, null, null, null);

    public VendorImportPreviewPanelTests()
    {
        Services.AddScoped<RegisterValidation>();
        Services.AddScoped<VendorImportValidator>();
        SignIn(OrganisationRole.Procurement);
        RenderPopoverProvider();
    }

    [Fact]
    public void Problems_are_listed_by_row_and_column_the_rows_flagged_and_the_import_disabled()
    {
        var preview = new VendorImportPreview(
            "vendors.csv",
            [Row(2, "Helios"), Row(3, "Helios")],
            [new ImportIssue(3, "Raison sociale", "Same vendor as row 2 of this file."), new ImportIssue(null, null, "Whole-file problem")],
            ["Notes"],
            Headers);
        var imported = false;

        var panel = Render<VendorImportPreviewPanel>(p => p
            .Add(x => x.Preview, preview)
            .Add(x => x.OnImport, () => imported = true));

        var errorRows = panel.FindAll("[data-testid=import-errors] tbody tr");
        Assert.Equal(2, errorRows.Count);
        Assert.Equal(["3", "Raison sociale", "Same vendor as row 2 of this file."], errorRows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("Whole file", errorRows[1].QuerySelector("td")!.TextContent.Trim());
        Assert.Contains("2 problem(s), on 1 of the 2 row(s)", panel.Find("[data-testid=import-errors-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Notes", panel.Markup, StringComparison.Ordinal);
        var statuses = panel.FindAll("[data-testid=import-rows] tbody tr").Select(tr => tr.QuerySelectorAll("td")[^1].TextContent.Trim()).ToList();
        Assert.Equal(["Ready", "To correct"], statuses);
        var button = panel.Find("[data-testid=import-all]");
        Assert.True(button.HasAttribute("disabled"));
        Assert.False(imported);
    }

    [Fact]
    public void A_clean_preview_offers_to_import_every_row()
    {
        var preview = new VendorImportPreview("vendors.xlsx", [Row(2, "Helios"), Row(3, "Biolab")], [], [], Headers);
        var imported = 0;

        var panel = Render<VendorImportPreviewPanel>(p => p
            .Add(x => x.Preview, preview)
            .Add(x => x.OnImport, () => imported++));

        Assert.Contains("2 vendor(s) ready to import", panel.Find("[data-testid=import-ready]").TextContent, StringComparison.Ordinal);
        panel.Find("[data-testid=import-all]").Click();
        Assert.Equal(1, imported);
        Assert.Empty(panel.FindAll("[data-testid=import-errors]"));
    }

    [Fact]
    public void Once_imported_the_button_cannot_import_again()
    {
        var preview = new VendorImportPreview("vendors.xlsx", [Row(2, "Helios")], [], [], Headers);

        var panel = Render<VendorImportPreviewPanel>(p => p.Add(x => x.Preview, preview).Add(x => x.Imported, true));

        Assert.True(panel.Find("[data-testid=import-all]").HasAttribute("disabled"));
    }
}
