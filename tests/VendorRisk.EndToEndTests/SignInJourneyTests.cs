using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;
using VendorRisk.Infrastructure.Demo;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed class SignInJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task A_demo_administrator_signs_in_and_sees_the_hospital_home()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(app.Url("/").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.AssertNoSeriousViolationsAsync();

        await SignInAsync(page, "admin@chu-demo.example");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vendor risk at CHU Demo");
        await Assertions.Expect(page.GetByText("You are acting for CHU Demo as Administrator.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Members" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_demo_vendor_sees_its_own_home_and_only_its_own_colleagues()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await SignInAsync(page, "securite@helios-dpi.example");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Assessments for {DemoData.EprVendorName}");

        // Navigate inside the live circuit: the tenant filter must apply there too.
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Members of {DemoData.EprVendorName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "securite@helios-dpi.example" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("chu-demo.example")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("biolab-systemes.example")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Signing_out_from_the_user_menu_returns_to_the_login_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await SignInAsync(page, "qualite@biolab-systemes.example");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Assessments for {DemoData.LabVendorName}");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Account of Gaëlle Roux" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have been signed out.");
        await page.GotoAsync(app.Url("/").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }

    [Fact]
    public async Task A_wrong_password_is_announced_and_the_page_works_in_french()
    {
        var page = await browser.NewPageAsync(locale: "fr-FR");
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Connexion");

        // An address no account has: the same message as a wrong password (no account enumeration),
        // and no demo account is pushed towards the lockout that the identity journey tests on dpo@.
        await page.GetByLabel("Adresse e-mail").FillAsync("personne@chu-demo.example");
        await page.GetByLabel("Mot de passe").FillAsync("pas-le-bon-mot-de-passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("L'adresse e-mail ou le mot de passe est incorrect.");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    }

    [Fact]
    public async Task The_login_form_can_be_used_with_the_keyboard_alone()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());

        // Focus starts on the page heading (announced by screen readers); the form follows it.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("E-mail address")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("audit@chu-demo.example");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoData.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enter your authenticator code");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Authentication code")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoAuthenticator.CodeFor("audit@chu-demo.example"));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vendor risk at CHU Demo");
    }

    private static Task SignInAsync(IPage page, string email) => page.SignInAsDemoAsync(email);
}
