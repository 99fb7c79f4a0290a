using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

/// <summary>The link panel of the vendor page: an inexact key reveals nothing; inviting the first contact creates and links the organisation.</summary>
[Collection(LiveAppAndBrowser.Name)]
public sealed class VendorLinkJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task Procurement_links_a_vendor_by_inviting_its_first_contact_and_an_inexact_key_finds_nothing()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("achats@chu-demo.example");
        await page.WaitForInteractiveAsync();

        var name = $"Lien Test {Guid.NewGuid():N}"[..20];
        await page.GotoAsync(app.Url("/vendors/new").ToString());
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Legal name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await page.WaitForInteractiveAsync();

        var panel = page.GetByTestId("vendor-link-panel");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Organisation on VendorRisk" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // Part of a SIRET is not a key: nothing is listed, the user is told what to type.
        await panel.GetByLabel("SIRET or e-mail domain of the vendor").FillAsync("853 124 678");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("link-error")).ToContainTextAsync("valid 14-digit SIRET");
        await Assertions.Expect(panel.GetByTestId("link-matches")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();

        // Inviting the first contact creates the vendor's organisation and links it.
        var domain = $"v{Guid.NewGuid():N}"[..12] + ".example";
        await panel.GetByLabel("E-mail of the vendor contact").FillAsync($"rssi@{domain}");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Create and invite" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync($"Linked to {name}.");
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Unlink" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "vendor-link-panel.png"), FullPage = true });

        // No assessment is open: unlinking works and the panel offers the search again.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Unlink" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("link-message")).ToContainTextAsync("The link was removed.");
        await Assertions.Expect(panel.GetByLabel("SIRET or e-mail domain of the vendor")).ToBeVisibleAsync();
    }
}
