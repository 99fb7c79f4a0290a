using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

/// <summary>
/// The CISO's follow-up screens, kept short (suite time budget): the findings register with its
/// filters ("Mine" included), then the assessment list filtered, saved as a view, and the view
/// reopened from a clean list. Axe on each page.
/// </summary>
[Collection(LiveAppAndBrowser.Name)]
public sealed partial class FindingsAndSavedViewsJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task The_ciso_filters_the_findings_register_and_saves_and_reopens_a_view_of_the_assessment_list()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("rssi@chu-demo.example");
        await page.WaitForInteractiveAsync();

        // The register: filtered to what the CISO follows up, then overdue only; a count or "no finding" is announced either way.
        await page.GotoAsync(app.Url("/findings").ToString());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Findings", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Mine (I follow up)").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Mine (I follow up)")).ToBeCheckedAsync();
        await page.GetByLabel("Overdue only").CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=findings-empty], [data-testid=findings-count]")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // The assessment list: a filter, saved as a view under a unique name.
        var name = $"Open {Guid.NewGuid():N}"[..13];
        await page.GotoAsync(app.Url("/assessments").ToString());
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Open only").CheckAsync();
        await page.WaitForURLAsync(new Regex("open=true"));
        await page.GetByTestId("view-save").ClickAsync();
        await page.GetByLabel("Name of the view").FillAsync(name);
        await page.GetByTestId("view-submit").ClickAsync();
        await Assertions.Expect(page.GetByText($"View \"{name}\" saved.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // Reopened from a clean list: the filter comes back with it.
        await page.GotoAsync(app.Url("/assessments").ToString());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByLabel("Open only")).Not.ToBeCheckedAsync();
        await page.ChooseAsync(page.GetByTestId("view-select"), name);
        await page.WaitForURLAsync(new Regex("view="));
        await Assertions.Expect(page.GetByLabel("Open only")).ToBeCheckedAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.CloseAsync();
    }
}
