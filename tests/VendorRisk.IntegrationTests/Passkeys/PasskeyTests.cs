using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Passkeys;

namespace VendorRisk.IntegrationTests.Passkeys;

/// <summary>Passkeys through the real endpoints with a software authenticator, and the tenant passkey policy per role.</summary>
[Collection(SharedApps.Name)]
public sealed class PasskeyTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_passkey_added_after_a_step_up_signs_in_with_mfa_and_a_tampered_one_does_not(DatabaseProvider provider)
    {
        var app = apps[provider];
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Procurement);
        using var authenticator = new SoftwareAuthenticator();
        using (var client = app.CreateBrowserLikeClient())
        {
            await client.SignInAsync(user);

            // A session signed in with a password and a code must step up before adding a passkey.
            using (var refused = await client.PostPasskeyAsync("/Account/Passkey/CreationOptions"))
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            }

            using (var wrong = await client.PostPasskeyAsync("/Account/StepUp/Code", new { code = "000000" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            }

            using (var stepUp = await client.PostPasskeyAsync("/Account/StepUp/Code", new { code = Totp.CodeFor(user.TotpSecret!, DateTime.UtcNow.AddSeconds(30)) }))
            {
                Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
            }

            using var added = await client.RegisterPasskeyAsync(authenticator, "Laptop");
            Assert.True(added.StatusCode == HttpStatusCode.OK, await added.Content.ReadAsStringAsync(Ct) + await RejectionAsync(app, user.Id));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var kinds = await db.SecurityEvents.Where(e => e.UserId == user.Id).Select(e => e.Kind).ToListAsync(Ct);
            Assert.Contains(SecurityEventKind.PasskeyAdded, kinds);
            Assert.Contains(SecurityEventKind.StepUpPassed, kinds);
            Assert.Contains(SecurityEventKind.StepUpFailed, kinds);
            Assert.Equal("Laptop", await db.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>().Where(p => p.UserId == user.Id).Select(p => p.Data.Name).SingleAsync(Ct));
        }

        using (var attacker = app.CreateBrowserLikeClient())
        {
            using var forged = await attacker.SignInWithPasskeyAsync(authenticator, tamper: true);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            using var home = await attacker.GetAsync(new Uri("/vendors", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        }

        using var browser = app.CreateBrowserLikeClient();
        using var signedIn = await browser.SignInWithPasskeyAsync(authenticator);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.True((await signedIn.Content.ReadFromJsonAsync<PasskeyReply>(Ct))!.Ok);

        // The passkey session satisfies the MFA requirement of a hospital role: no code asked.
        using var vendors = await browser.GetAsync(new Uri("/vendors", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, vendors.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Under_the_policy_an_administrator_without_a_passkey_enrols_one_before_seeing_anything(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        await RequirePasskeysAsync(app, hospital.Id);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(admin);

        using (var home = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.StartsWith("/Account/EnrolPasskey", home.LocationPath(), StringComparison.Ordinal);
        }

        var gate = await client.GetStringAsync(new Uri("/Account/EnrolPasskey", UriKind.Relative), Ct);
        Assert.Contains("A passkey is required", gate, StringComparison.Ordinal);

        // The first passkey needs no step-up at the gate, and turns the session into a passkey session.
        using var authenticator = new SoftwareAuthenticator();
        using (var added = await client.RegisterPasskeyAsync(authenticator))
        {
            Assert.True(added.StatusCode == HttpStatusCode.OK, await added.Content.ReadAsStringAsync(Ct));
        }

        using var members = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);

        // A second passkey is no longer "the first at the gate": it needs a step-up.
        using var second = await client.PostPasskeyAsync("/Account/Passkey/CreationOptions");
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }

    public static TheoryData<DatabaseProvider, OrganisationRole> HospitalRolesOnBothDatabases()
    {
        var data = new TheoryData<DatabaseProvider, OrganisationRole>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            foreach (var role in OrganisationRoles.Hospital)
            {
                data.Add(provider, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HospitalRolesOnBothDatabases))]
    public async Task The_policy_refuses_administrators_and_cisos_without_a_passkey_and_leaves_other_roles_alone(DatabaseProvider provider, OrganisationRole role)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(hospital, role);
        await RequirePasskeysAsync(app, hospital.Id);
        var covered = role is OrganisationRole.Administrator or OrganisationRole.Ciso;

        // Over HTTP: signed in with a password and a code.
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        if (covered)
        {
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.StartsWith("/Account/EnrolPasskey", home.LocationPath(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        // In authorization itself (the second lock): the same principal with and without amr=pop.
        await using var scope = await app.ScopeForAsync(user);
        var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
        Assert.Equal(covered, principal.HasClaim(VendorRiskClaimTypes.PasskeyRequired, "true"));
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        Assert.Equal(!covered, (await authorization.AuthorizeAsync(principal, Policies.HospitalMember)).Succeeded);
        var withPasskey = new ClaimsPrincipal(principal.Identities.Select(i => i.Clone()));
        ((ClaimsIdentity)withPasskey.Identity!).AddClaim(new Claim(MfaClaims.AuthenticationMethod, MfaClaims.Passkey));
        Assert.True((await authorization.AuthorizeAsync(withPasskey, Policies.HospitalMember)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_policy_of_one_organisation_does_not_reach_another(DatabaseProvider provider)
    {
        var app = apps[provider];
        var strict = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        await RequirePasskeysAsync(app, strict.Id);
        var admin = await app.CreateUserAsync(other, OrganisationRole.Administrator);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(admin);

        using var members = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Passkey_endpoints_refuse_a_post_without_the_antiforgery_token(DatabaseProvider provider)
    {
        using var client = apps[provider].CreateBrowserLikeClient();
        using var response = await client.PostAsJsonAsync(new Uri("/Account/Passkey/RequestOptions", UriKind.Relative), new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<string> RejectionAsync(VendorRiskAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return string.Join("; ", await db.SecurityEvents.Where(e => e.UserId == userId && e.Kind == SecurityEventKind.PasskeyRejected).Select(e => e.Detail).ToListAsync(Ct));
    }

    internal static async Task RequirePasskeysAsync(VendorRiskAppFactory app, Guid organisationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        (await db.Organisations.SingleAsync(o => o.Id == organisationId, Ct)).SetPasskeyPolicy(true);
        await db.SaveChangesAsync(Ct);
    }
}
