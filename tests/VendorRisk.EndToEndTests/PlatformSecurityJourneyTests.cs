using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed partial class PlatformSecurityJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task An_administrator_ends_a_colleagues_session_and_their_open_page_is_signed_out_with_the_csp_on()
    {
        // The colleague is the auditor: no journey locks that account (the lockout and wrong-password
        // journeys use dpo@, which is locked for the rest of a full run).
        var violations = new List<string>();
        var colleague = await browser.NewPageAsync();
        Watch(colleague, violations);
        await colleague.GotoAsync(app.Url("/Account/Login").ToString());
        await colleague.SignInAsDemoAsync("audit@chu-demo.example");
        await colleague.WaitForInteractiveAsync();

        var admin = await browser.NewPageAsync();
        Watch(admin, violations);
        await admin.GotoAsync(app.Url("/Account/Login").ToString());
        await admin.SignInAsDemoAsync("admin@chu-demo.example");
        await admin.WaitForInteractiveAsync();

        // The new pages work in a live circuit under the Content-Security-Policy, and pass axe.
        foreach (var (link, heading) in new[] { ("Security alerts", "Security alerts"), ("Export safeguards", "Export safeguards"), ("Live sessions", "Live sessions") })
        {
            await admin.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await admin.AssertNoSeriousViolationsAsync();
        }

        var colleagueGroup = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "audit@chu-demo.example" });
        await colleagueGroup.GetByRole(AriaRole.Button, new() { Name = "End all" }).ClickAsync();
        await Assertions.Expect(admin.GetByText(EndedPattern())).ToBeVisibleAsync();

        // Without reloading, the auditor's open circuit is signed out at the next revalidation.
        await Assertions.Expect(colleague).ToHaveURLAsync(LoginUrl(), new() { Timeout = 15_000 });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_user_ends_another_of_their_own_sessions_and_that_browser_is_sent_to_sign_in()
    {
        // A demo account of its own (no other journey signs it in, none ends its sessions).
        const string Email = "contributeur@biolab-systemes.example";
        var other = await browser.NewPageAsync();
        await other.GotoAsync(app.Url("/Account/Login").ToString());
        await other.SignInAsDemoAsync(Email);
        await other.WaitForInteractiveAsync();

        // A second browser of the same account (its code from the next 30-second step: no waiting).
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync(Email);
        await page.WaitForInteractiveAsync();
        await page.GotoAsync(app.Url("/account/security").ToString());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign-in and security");
        var sessions = page.Locator("#my-sessions tbody tr");
        await Assertions.Expect(sessions).ToHaveCountAsync(2);
        await page.AssertNoSeriousViolationsAsync();

        await sessions.Filter(new() { HasNotText = "This session" }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByText("The session was ended.")).ToBeVisibleAsync();
        await Assertions.Expect(sessions).ToHaveCountAsync(1);
        await Assertions.Expect(sessions.GetByText("This session")).ToBeVisibleAsync();

        // The other browser's next navigation asks it to sign in (unless its open page's circuit,
        // revalidated every 2 s here, got there first and aborts this navigation); this one stays in.
        try
        {
            await other.GotoAsync(app.Url("/account/security").ToString());
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
        {
        }

        await Assertions.Expect(other).ToHaveURLAsync(LoginUrl());
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign-in and security");
    }

    private static void Watch(IPage page, List<string> violations) =>
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginUrl();

    [GeneratedRegex("session\\(s\\) of .* ended")]
    private static partial Regex EndedPattern();
}
