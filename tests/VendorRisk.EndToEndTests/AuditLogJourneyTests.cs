using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed partial class AuditLogJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task An_auditor_finds_their_own_sign_in_filters_the_log_and_verifies_the_chain()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("audit@chu-demo.example");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit log");
        var signIn = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Security.SignInSucceeded" }).First;
        await Assertions.Expect(signIn).ToContainTextAsync("Emma Laurent");

        await page.GetByLabel("Action").FillAsync("Engagement.Created");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Security.SignInSucceeded" })).ToHaveCountAsync(0);
        var engagement = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Engagement.Created" }).First;
        await Assertions.Expect(engagement).ToBeVisibleAsync();

        // The details of a record change: its fields with the values written.
        await engagement.GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "PatientRecordCount", Exact = true }).First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "audit chain" })).ToContainTextAsync(IntactPattern());

        // The export is checked by the bulk-read guard first, then downloaded with the filters applied.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        Assert.StartsWith("audit-log-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Procurement_is_not_offered_the_audit_log()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("achats@chu-demo.example");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        await page.GotoAsync(app.Url("/audit").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(AccessDeniedPattern());
    }

    [GeneratedRegex("The audit chain is intact: \\d+ entries verified")]
    private static partial Regex IntactPattern();

    [GeneratedRegex("/Account/AccessDenied")]
    private static partial Regex AccessDeniedPattern();
}
