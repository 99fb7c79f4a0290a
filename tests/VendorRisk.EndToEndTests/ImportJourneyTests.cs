using System.Text;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed class ImportJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task Procurement_previews_a_vendor_file_sees_its_problems_then_imports_the_corrected_file()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("achats@chu-demo.example");
        await page.GotoAsync(app.Url("/vendors/import").ToString());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import vendors");
        await page.AssertNoSeriousViolationsAsync();

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var broken = $"Raison sociale;Pays;E-mail du contact\nImport Alpha {suffix};FR;ok@alpha.example\nImport Beta {suffix};XX;not-an-email\n";
        await page.Locator("input.vr-vendor-import-input").Last.SetInputFilesAsync(new FilePayload { Name = "vendors.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(broken) });
        await Assertions.Expect(page.GetByTestId("import-errors-summary")).ToContainTextAsync("2 problem(s), on 1 of the 2 row(s)");
        await Assertions.Expect(page.GetByTestId("import-errors").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("import-all")).ToBeDisabledAsync();
        await page.AssertNoSeriousViolationsAsync();

        var fixedFile = $"Raison sociale;Pays;E-mail du contact\nImport Alpha {suffix};FR;ok@alpha.example\nImport Bêta {suffix};BE;secu@beta.example\n";
        // MudFileUpload keeps the input of the first file (hidden, class d-none) and renders a fresh one for
        // the next choice, so two inputs legitimately match: the live one is the last.
        await page.Locator("input.vr-vendor-import-input").Last.SetInputFilesAsync(new FilePayload { Name = "vendors.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(fixedFile) });
        await Assertions.Expect(page.GetByTestId("import-ready")).ToContainTextAsync("2 vendor(s) ready to import");
        await page.GetByTestId("import-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-done")).ToContainTextAsync("2 vendor(s) added");

        // Accent-insensitive search finds the imported vendor.
        await page.GotoAsync(app.Url("/vendors").ToString());
        await page.WaitForInteractiveAsync();
        // By role: the label "Search vendors" also names the field's decorative search icon.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search vendors" }).FillAsync($"beta {suffix}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Import Bêta {suffix}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_ciso_maps_the_columns_of_their_own_workbook_and_imports_it_as_a_draft()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("rssi@chu-demo.example");
        await page.GotoAsync(app.Url("/questionnaires/import").ToString());
        await page.WaitForInteractiveAsync();
        await page.AssertNoSeriousViolationsAsync();

        var csv = "Domaine;Réf;Question;Type de réponse;Réponses possibles;Pondération\nAccès;A1;Le MFA est-il imposé ?;Oui/Non;;2\n;A2;Quel bastion ?;Choix unique;\"Aucun = 0; Oui = 100\";1,5\n";
        await page.Locator("input.vr-qimport-input").SetInputFilesAsync(new FilePayload { Name = "notre-questionnaire.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(page.GetByTestId("qimport-check")).ToBeEnabledAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByTestId("qimport-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("qimport-ready")).ToContainTextAsync("2 question(s) in 1 section(s)");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByTestId("qimport-import").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("notre-questionnaire");
    }
}
