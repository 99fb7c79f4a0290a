using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Identity;

/// <summary>MFA is mandatory for hospital roles and vendor administrators; a password alone opens nothing.</summary>
[Collection(SharedApps.Name)]
public sealed partial class MfaTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_password_alone_does_not_open_a_session_for_an_enrolled_user(DatabaseProvider provider)
    {
        var app = apps[provider];
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Ciso);
        using var client = app.CreateBrowserLikeClient();

        using var login = await client.PostLoginAsync(user.Email, user.Password);

        Assert.StartsWith("/Account/LoginWith2fa", login.LocationPath(), StringComparison.Ordinal);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_user_who_must_use_mfa_enrols_before_seeing_anything(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(hospital, OrganisationRole.Administrator, enrolMfa: false);
        using var client = app.CreateBrowserLikeClient();

        using var login = await client.PostLoginAsync(user.Email, user.Password);
        Assert.StartsWith("/Account/EnrolAuthenticator", login.LocationPath(), StringComparison.Ordinal);
        using (var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        }

        var page = await client.GetStringAsync(new Uri("/Account/EnrolAuthenticator", UriKind.Relative), Ct);
        var key = AuthenticatorKey().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEmpty(key);
        Assert.Contains("<svg", page, StringComparison.Ordinal);

        using var wrong = await client.PostFormAsync("/Account/EnrolAuthenticator", "enrol", new() { ["Input.Code"] = "000000" });
        Assert.Contains("This code is wrong, expired or already used.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var enrolled = await client.PostFormAsync("/Account/EnrolAuthenticator", "enrol", new() { ["Input.Code"] = Totp.CodeFor(key) });
        var done = await enrolled.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Two-step verification is on", done, StringComparison.Ordinal);
        Assert.Equal(10, RecoveryCode().Count(done));

        var now = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains($"Vendor risk at {hospital.Name}", now, StringComparison.Ordinal);
        Assert.True(await HasEventAsync(app, user.Id, SecurityEventKind.MfaEnrolled));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_wrong_code_is_refused_and_recorded(DatabaseProvider provider)
    {
        var app = apps[provider];
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Dpo);
        using var client = app.CreateBrowserLikeClient();
        using var login = await client.PostLoginAsync(user.Email, user.Password);

        using var response = await client.PostCodeAsync("123456" == Totp.CodeFor(user.TotpSecret!) ? "654321" : "123456");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This code is wrong, expired or already used.", html, StringComparison.Ordinal);
        Assert.True(await HasEventAsync(app, user.Id, SecurityEventKind.MfaCodeRejected));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_code_cannot_be_replayed(DatabaseProvider provider)
    {
        var app = apps[provider];
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Auditor);
        var code = Totp.CodeFor(user.TotpSecret!);

        using (var first = app.CreateBrowserLikeClient())
        {
            using var login = await first.PostLoginAsync(user.Email, user.Password);
            using var ok = await first.PostCodeAsync(code);
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using var second = app.CreateBrowserLikeClient();
        using var again = await second.PostLoginAsync(user.Email, user.Password);
        using var replay = await second.PostCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already used", await replay.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_contributor_may_sign_in_without_mfa(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        using var client = app.CreateBrowserLikeClient();

        await client.SignInAsync(user);

        Assert.Contains($"Assessments for {vendor.Name}", await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_recovery_code_signs_in_once(DatabaseProvider provider)
    {
        var app = apps[provider];
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Procurement);
        string recovery;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VendorRisk.Infrastructure.Identity.ApplicationUser>>();
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!, 3))!.First();
        }

        using (var client = app.CreateBrowserLikeClient())
        {
            using var login = await client.PostLoginAsync(user.Email, user.Password);
            using var used = await client.PostFormAsync("/Account/LoginWithRecoveryCode", "recovery", new() { ["Input.Code"] = recovery });
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        }

        using var other = app.CreateBrowserLikeClient();
        using var again = await other.PostLoginAsync(user.Email, user.Password);
        using var reused = await other.PostFormAsync("/Account/LoginWithRecoveryCode", "recovery", new() { ["Input.Code"] = recovery });
        Assert.Contains("not valid or was already used", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mfa_proof_survives_the_periodic_session_check()
    {
        // Revalidate every second: the rebuilt principal must keep amr=mfa, or every
        // MFA-protected page would turn into "access denied" after a minute.
        await using var app = await VendorRiskAppFactory.StartAsync(
            DatabaseProvider.Sqlite,
            settings: new Dictionary<string, string> { ["Security:RevalidationInterval"] = "00:00:01" });
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Ciso);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(1100, Ct);
            using var response = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_session_without_mfa_is_denied_pages_of_roles_that_require_it()
    {
        var app = apps[DatabaseProvider.Sqlite];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator, enrolMfa: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VendorRisk.Infrastructure.Identity.ApplicationUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<VendorRisk.Infrastructure.Identity.ApplicationUser>>()
            .CreateAsync((await users.FindByIdAsync(admin.Id))!);
        var authorization = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();

        Assert.False((await authorization.AuthorizeAsync(principal, null, VendorRisk.Web.Auth.Policies.Member)).Succeeded);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new("amr", "mfa"));
        Assert.True((await authorization.AuthorizeAsync(principal, null, VendorRisk.Web.Auth.Policies.Member)).Succeeded);
    }

    [Theory]
    [InlineData("1qaz2wsx3edc4rfv")]
    [InlineData("Password1234")]
    public async Task Common_passwords_are_refused(string password)
    {
        await using var scope = apps[DatabaseProvider.Sqlite].Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VendorRisk.Infrastructure.Identity.ApplicationUser>>();

        var result = await users.CreateAsync(new VendorRisk.Infrastructure.Identity.ApplicationUser { UserName = "x@test.example", Email = "x@test.example", DisplayName = "X" }, password);

        Assert.Contains(result.Errors, e => e.Code == VendorRisk.Infrastructure.Identity.CommonPasswordValidator.CommonPasswordCode);
    }

    [Fact]
    public async Task Short_and_personal_passwords_are_refused()
    {
        await using var scope = apps[DatabaseProvider.Sqlite].Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VendorRisk.Infrastructure.Identity.ApplicationUser>>();
        var user = new VendorRisk.Infrastructure.Identity.ApplicationUser { UserName = "jeanne.dupont@test.example", Email = "jeanne.dupont@test.example", DisplayName = "J" };

        Assert.Contains((await users.CreateAsync(user, "Sh0rt-pass!")).Errors, e => e.Code == "PasswordTooShort");
        Assert.Contains((await users.CreateAsync(user, "jeanne.dupont-2026-x")).Errors, e => e.Code == VendorRisk.Infrastructure.Identity.CommonPasswordValidator.PersonalPasswordCode);
    }

    private static async Task<bool> HasEventAsync(VendorRiskAppFactory app, string userId, SecurityEventKind kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return await db.SecurityEvents.AnyAsync(e => e.UserId == userId && e.Kind == kind);
    }

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>[0-9A-Z]{5}-[0-9A-Z]{5}</code></li>")]
    private static partial Regex RecoveryCode();
}
