using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

/// <summary>
/// Passkeys in a real browser: Chromium's virtual authenticator (DevTools protocol, WebAuthn
/// domain) stands in for the device, so the page's own script runs the ceremonies.
/// </summary>
[Collection(LiveAppAndBrowser.Name)]
public sealed class PasskeyJourneyTests(LiveApp app, Browser browser)
{
    // Not the DPO: another journey locks that account on purpose.
    private const string Email = "achats@chu-demo.example";

    [Fact]
    public async Task A_user_adds_a_passkey_after_a_step_up_and_signs_in_with_it()
    {
        var page = await browser.NewPageAsync();
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync(Email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vendor risk at CHU Demo");

        await page.GotoAsync(app.Url("/account/security").ToString());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign-in and security");
        await page.AssertNoSeriousViolationsAsync();

        // Adding a passkey is sensitive: the step-up dialog asks for a code first.
        await page.GetByLabel("Passkey name").FillAsync("Virtual laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByText("Confirm it is you")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "vr-step-up.png") });
        await dialog.GetByLabel("Authenticator code").FillAsync(DemoAuthenticator.CodeFor(Email));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Virtual laptop", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "vr-account-security.png") });

        // Sign out, then back in with the passkey alone: no password, no code.
        await page.GetByRole(AriaRole.Button, new() { Name = "Account of Bruno Petit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have been signed out.");
        await page.AssertNoSeriousViolationsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "vr-login-passkey.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vendor risk at CHU Demo");
        await page.AssertNoSeriousViolationsAsync();
    }
}
