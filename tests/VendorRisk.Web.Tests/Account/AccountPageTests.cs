using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Organisations;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Components.Account.Pages;

namespace VendorRisk.Web.Tests.Account;

/// <summary>
/// The static account pages rendered with the real sign-in services: labels, validation messages
/// and error states, in English. (HTTP and browser tests cover the same pages end to end.)
/// </summary>
public sealed class AccountPageTests(AccountApp app) : VendorRiskTestContext, IClassFixture<AccountApp>
{
    private IStringLocalizer<SharedResource> L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private HttpContext Request(string? cookie = null)
    {
        var (scope, http) = app.NewRequest(cookie);
        Services.AddFallbackServiceProvider(scope.ServiceProvider);
        return http;
    }

    private void Go(string uri) => Services.GetRequiredService<NavigationManager>().NavigateTo(uri);

    [Fact]
    public void Login_labels_every_field_and_offers_a_passkey()
    {
        var http = Request();

        var page = Render<Login>(p => p.AddCascadingValue(http));

        Assert.Equal(L["Login_Title"].Value, page.Find("h1").TextContent.Trim());
        Assert.Equal("email", page.Find("label[for=email]").NextElementSibling!.Id);
        Assert.Equal("username", page.Find("#email").GetAttribute("autocomplete"));
        Assert.Equal("current-password", page.Find("#password").GetAttribute("autocomplete"));
        Assert.NotNull(page.Find("label[for=remember-me]"));
        Assert.Contains(L["Login_WithPasskey"].Value, page.Find("vr-passkey").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[role=alert]:not([hidden])"));
    }

    [Fact]
    public void Login_names_each_missing_or_malformed_field()
    {
        var http = Request();
        var page = Render<Login>(p => p.AddCascadingValue(http));

        page.Find("form").Submit();
        Assert.Equal(L["Login_EmailRequired"].Value, page.Find("#email-error").TextContent);
        Assert.Equal(L["Login_PasswordRequired"].Value, page.Find("#password-error").TextContent);
        Assert.Equal("email-error", page.Find("#email").GetAttribute("aria-describedby"));

        page.Find("#email").Change("not-an-address");
        page.Find("#password").Change(new string('x', 300));
        page.Find("form").Submit();
        Assert.Equal(L["Login_EmailInvalid"].Value, page.Find("#email-error").TextContent);
        Assert.Equal(L["Login_TooLong"].Value, page.Find("#password-error").TextContent);
    }

    [Fact]
    public async Task Login_announces_a_wrong_password_and_clears_it()
    {
        var (user, _) = await app.CreateUserAsync(OrganisationRole.Procurement);
        var http = Request();
        var page = Render<Login>(p => p.AddCascadingValue(http));

        page.Find("#email").Change(user.Email!);
        page.Find("#password").Change("not-the-password-at-all");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(L["Login_Invalid"].Value, page.Find("#login-error").TextContent));
        Assert.Equal("alert", page.Find("#login-error").GetAttribute("role"));
        Assert.True(string.IsNullOrEmpty(page.Find("#password").GetAttribute("value")));
    }

    [Fact]
    public async Task Login_says_when_the_account_is_locked()
    {
        var (user, _) = await app.CreateUserAsync(OrganisationRole.Ciso, lockedOut: true);
        var http = Request();
        var page = Render<Login>(p => p.AddCascadingValue(http));

        page.Find("#email").Change(user.Email!);
        page.Find("#password").Change(AccountApp.Password);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(L["Login_LockedOut"].Value, page.Find("#login-error").TextContent));
    }

    [Fact]
    public async Task Login_sends_an_enrolled_user_on_to_the_code_page()
    {
        var (user, _) = await app.CreateUserAsync(OrganisationRole.Auditor);
        var http = Request();
        var page = Render<Login>(p => p.AddCascadingValue(http));

        page.Find("#email").Change(user.Email!);
        page.Find("#password").Change(AccountApp.Password);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Account/LoginWith2fa", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("signedOut", "Login_SignedOut")]
    [InlineData("expired", "Login_SessionExpired")]
    public void Login_explains_why_the_user_is_back(string flag, string key)
    {
        var http = Request();
        Go($"/Account/Login?{flag}=true");

        var page = Render<Login>(p => p.AddCascadingValue(http));

        Assert.Equal(L[key].Value, page.Find("[role=status]").TextContent);
    }

    [Fact]
    public void The_code_page_without_a_pending_sign_in_returns_to_login()
    {
        var http = Request();

        Render<LoginWith2fa>(p => p.AddCascadingValue(http));

        Assert.EndsWith("Account/Login?expired=true", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_page_labels_its_field_and_rejects_empty_and_wrong_codes()
    {
        var cookie = await PasswordStepAsync(OrganisationRole.Dpo);
        var http = Request(cookie);
        var page = Render<LoginWith2fa>(p => p.AddCascadingValue(http));

        Assert.Equal(L["Login_CodeTitle"].Value, page.Find("h1").TextContent.Trim());
        Assert.Equal(L["Login_Code"].Value, page.Find("label[for=code]").TextContent);
        Assert.Equal("one-time-code", page.Find("#code").GetAttribute("autocomplete"));
        Assert.Equal("numeric", page.Find("#code").GetAttribute("inputmode"));

        page.Find("form").Submit();
        Assert.Equal(L["Login_CodeRequired"].Value, page.Find("[role=alert]").TextContent);

        page.Find("#code").Change("000000");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal(L["Login_CodeInvalid"].Value, page.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task The_recovery_code_page_labels_its_field_and_rejects_a_wrong_code()
    {
        var cookie = await PasswordStepAsync(OrganisationRole.Administrator);
        var http = Request(cookie);
        var page = Render<LoginWithRecoveryCode>(p => p.AddCascadingValue(http));

        Assert.Equal(L["Login_RecoveryTitle"].Value, page.Find("h1").TextContent.Trim());
        Assert.Equal(L["Login_RecoveryCode"].Value, page.Find("label[for=recovery-code]").TextContent);

        page.Find("form").Submit();
        Assert.Equal(L["Login_RecoveryInvalid"].Value, page.Find("[role=alert]").TextContent);

        page.Find("#recovery-code").Change("AAAAA-BBBBB");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal(L["Login_RecoveryInvalid"].Value, page.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task Enrolment_shows_the_qr_code_and_key_and_rejects_a_wrong_code()
    {
        var cookie = await PasswordStepAsync(OrganisationRole.Ciso, enrolMfa: false);
        var http = Request(cookie);
        var page = Render<EnrolAuthenticator>(p => p.AddCascadingValue(http));

        Assert.Equal(L["Enrol_Title"].Value, page.Find("h1").TextContent.Trim());
        Assert.NotNull(page.Find(".vr-qr[role=img] svg"));
        Assert.Equal(L["Enrol_QrAlt"].Value, page.Find(".vr-qr").GetAttribute("aria-label"));
        Assert.False(string.IsNullOrWhiteSpace(page.Find("#authenticator-key").TextContent));
        Assert.Equal(L["Enrol_Step2"].Value, page.Find("label[for=code]").TextContent);

        page.Find("#code").Change("123456");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal(L["Login_CodeInvalid"].Value, page.Find("[role=alert]").TextContent));
    }

    [Fact]
    public void An_unknown_invitation_is_explained_with_a_way_to_sign_in()
    {
        var http = Request();
        Go("/Account/Invitation?token=not-a-real-token");

        var page = Render<AcceptInvitation>(p => p.AddCascadingValue(http));

        page.WaitForAssertion(() => Assert.Equal(L["Invitation_Unknown"].Value, page.Find("[role=alert]").TextContent));
        Assert.Empty(page.FindAll("form"));
    }

    [Fact]
    public async Task An_invitation_asks_for_a_name_and_a_password_twice_and_says_what_is_wrong()
    {
        var token = Guid.NewGuid().ToString("N");
        var email = $"new-{Guid.NewGuid():N}@test.example";
        var organisation = await app.InviteAsync(token, email);
        var http = Request();
        Go($"/Account/Invitation?token={token}");

        var page = Render<AcceptInvitation>(p => p.AddCascadingValue(http));

        page.WaitForAssertion(() => Assert.Equal(L["Invitation_Title", organisation].Value, page.Find("h1").TextContent.Trim()));
        Assert.Equal(email, page.Find("#invitation-email").GetAttribute("value"));
        Assert.NotNull(page.Find("label[for=display-name]"));
        Assert.NotNull(page.Find("label[for=password]"));
        Assert.NotNull(page.Find("label[for=confirm]"));

        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal(L["Invitation_NameRequired"].Value, page.Find("#invitation-error").TextContent));

        page.Find("#display-name").Change("New Person");
        page.Find("#password").Change("a-long-enough-password");
        page.Find("#confirm").Change("a-different-password!");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal(L["Invitation_Mismatch"].Value, page.Find("#invitation-error").TextContent));
    }

    /// <summary>Password accepted, code pending: the cookie of Identity's two-factor step.</summary>
    private async Task<string> PasswordStepAsync(OrganisationRole role, bool enrolMfa = true)
    {
        var (user, _) = await app.CreateUserAsync(role, enrolMfa);
        var (scope, http) = app.NewRequest();
        await using (scope)
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<SignInFlow>().PasswordAsync(user.Email!, AccountApp.Password, remember: false);
            Assert.Equal(enrolMfa ? SignInOutcome.RequiresCode : SignInOutcome.RequiresEnrolment, outcome);
        }

        return AccountApp.CookiesOf(http);
    }
}
