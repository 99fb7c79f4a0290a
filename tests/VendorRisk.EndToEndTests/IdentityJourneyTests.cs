using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using VendorRisk.EndToEndTests.Infrastructure;
using VendorRisk.Infrastructure.Demo;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed partial class IdentityJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task An_invitation_is_accepted_with_a_password_and_an_authenticator_then_home()
    {
        var invitee = $"nouvel.auditeur.{Guid.NewGuid():N}"[..30] + "@chu-demo.example";

        // The administrator invites a colleague from the members page.
        var admin = await browser.NewPageAsync();
        await admin.GotoAsync(app.Url("/Account/Login").ToString());
        await admin.SignInAsDemoAsync("admin@chu-demo.example");
        await admin.WaitForInteractiveAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await admin.WaitForInteractiveAsync();
        await admin.GetByLabel("E-mail address of the person to invite").FillAsync(invitee);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(admin.GetByText($"Invitation sent to {invitee}.")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = invitee })).ToBeVisibleAsync();
        await admin.AssertNoSeriousViolationsAsync();

        // The invitee opens the e-mail (the Development mailbox) and follows the link.
        var invited = await browser.NewPageAsync();
        await invited.GotoAsync(app.Url("/dev/mail").ToString());
        var mail = invited.Locator("div.mud-paper").Filter(new() { HasText = invitee }).First;
        await mail.GetByRole(AriaRole.Link, new() { Name = "Open the link" }).ClickAsync();
        await Assertions.Expect(invited.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join CHU Demo");
        await invited.AssertNoSeriousViolationsAsync();

        await invited.GetByLabel("Your name").FillAsync("Nouvel Auditeur");
        await invited.GetByLabel("Password (at least 12 characters)").FillAsync("Une-phrase-de-passe-sure");
        await invited.GetByLabel("Confirm the password").FillAsync("Une-phrase-de-passe-sure");
        await invited.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();

        // MFA enrolment before anything else.
        if (await invited.GetByRole(AriaRole.Alert).CountAsync() > 0)
        {
            Assert.Fail(await invited.GetByRole(AriaRole.Alert).InnerTextAsync());
        }

        await Assertions.Expect(invited.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up two-step verification");
        await Assertions.Expect(invited.GetByRole(AriaRole.Img, new() { Name = "QR code to add VendorRisk to your authenticator app" })).ToBeVisibleAsync();
        await invited.AssertNoSeriousViolationsAsync();
        var key = (await invited.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        await invited.GetByLabel("2. Enter the 6-digit code the app now shows.").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await invited.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();

        await Assertions.Expect(invited.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-step verification is on");
        await Assertions.Expect(invited.Locator(".vr-recovery-codes li")).ToHaveCountAsync(10);
        await invited.GetByRole(AriaRole.Link, new() { Name = "I have saved them: continue" }).ClickAsync();

        await Assertions.Expect(invited.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vendor risk at CHU Demo");
        await Assertions.Expect(invited.GetByText("You are acting for CHU Demo as Auditor.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_locked_account_is_told_so_even_with_the_right_password()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());

        for (var i = 0; i < 5; i++)
        {
            await page.GetByLabel("E-mail address").FillAsync("dpo@chu-demo.example");
            await page.GetByLabel("Password").FillAsync($"wrong-password-{i}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        await page.GetByLabel("E-mail address").FillAsync("dpo@chu-demo.example");
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This account is locked after too many failed attempts.");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_member_removed_by_the_administrator_loses_the_live_session_within_the_revalidation_interval()
    {
        // The BioLab vendor administrator invites nobody: the demo EPR vendor's admin removes a
        // colleague who is looking at the members page in a live circuit.
        var colleagueEmail = $"collegue.{Guid.NewGuid():N}"[..25] + "@helios-dpi.example";
        var vendorAdmin = await browser.NewPageAsync();
        await vendorAdmin.GotoAsync(app.Url("/Account/Login").ToString());
        await vendorAdmin.SignInAsDemoAsync("securite@helios-dpi.example");
        await vendorAdmin.WaitForInteractiveAsync();
        await vendorAdmin.GotoAsync(app.Url("/organisation/members").ToString());
        await vendorAdmin.WaitForInteractiveAsync();
        await vendorAdmin.GetByLabel("E-mail address of the person to invite").FillAsync(colleagueEmail);
        await vendorAdmin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(vendorAdmin.GetByText($"Invitation sent to {colleagueEmail}.")).ToBeVisibleAsync();

        // The colleague (a contributor: MFA not required) accepts and keeps the home page open.
        var colleague = await browser.NewPageAsync();
        await colleague.GotoAsync(app.Url("/dev/mail").ToString());
        await colleague.Locator("div.mud-paper").Filter(new() { HasText = colleagueEmail }).First
            .GetByRole(AriaRole.Link, new() { Name = "Open the link" }).ClickAsync();
        await colleague.GetByLabel("Your name").FillAsync("Collègue Temporaire");
        await colleague.GetByLabel("Password (at least 12 characters)").FillAsync("Une-phrase-de-passe-sure");
        await colleague.GetByLabel("Confirm the password").FillAsync("Une-phrase-de-passe-sure");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();
        await Assertions.Expect(colleague.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Assessments for {DemoData.EprVendorName}");
        await colleague.WaitForInteractiveAsync();

        // The administrator removes the colleague.
        await vendorAdmin.ReloadAsync();
        await vendorAdmin.WaitForInteractiveAsync();
        await vendorAdmin.GetByRole(AriaRole.Button, new() { Name = "Remove Collègue Temporaire from the organisation" }).ClickAsync();
        await vendorAdmin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove Collègue Temporaire from the organisation" }).ClickAsync();

        // Removing a member is sensitive: the administrator confirms it is them (step-up).
        var stepUp = vendorAdmin.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "Confirm it is you" });
        await stepUp.GetByLabel("Authenticator code").FillAsync(DemoAuthenticator.CodeFor("securite@helios-dpi.example"));
        await stepUp.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(vendorAdmin.GetByText("Collègue Temporaire no longer has access")).ToBeVisibleAsync();

        // Without reloading, the colleague's open circuit loses its authentication: the app
        // sends them to sign in.
        await Assertions.Expect(colleague).ToHaveURLAsync(LoginUrl(), new() { Timeout = 15_000 });
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginUrl();
}
