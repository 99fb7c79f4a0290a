using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.ExternalIdentity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VendorRisk.IntegrationTests.Api;

/// <summary>
/// A hospital signs in with its own identity provider — here a second VendorRisk instance, whose
/// OpenIddict server plays the hospital's IdP. The mapped role is granted; an unmapped user is refused.
/// </summary>
public sealed class ExternalSignInTests
{
    private const string Secret = "external-idp-test-secret-0123456789";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_user_of_the_hospitals_provider_gets_the_mapped_role_and_an_unmapped_one_is_refused(DatabaseProvider provider)
    {
        await using var idp = await VendorRiskAppFactory.StartAsync(provider, settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinutePerAddress"] = "100000" });
        await using var rp = await VendorRiskAppFactory.StartAsync(
            provider,
            configureServices: s => s.AddSingleton(new ExternalIdentityBackchannel(() => idp.Server.CreateHandler())),
            settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinutePerAddress"] = "100000" });

        // The relying party: CHU with its provider, Ciso claim mapped, Auditor not.
        var hospital = await rp.CreateOrganisationAsync(OrganisationKind.Hospital);
        var administrator = await rp.CreateUserAsync(hospital, OrganisationRole.Administrator);
        Guid providerId;
        await using (var scope = await rp.ScopeForAsync(administrator))
        {
            var service = scope.ServiceProvider.GetRequiredService<ExternalIdentityService>();
            var saved = await service.SaveAsync(
                new ExternalProviderSettings(null, "CHU IdP", "http://idp.test", "vendorrisk-rp", false, "idp-staff.example", "vr:role", [new RoleMapping("Ciso", OrganisationRole.Ciso), new RoleMapping("Procurement", OrganisationRole.Procurement)], true, null),
                Secret,
                Ct);
            Assert.True(saved.Succeeded, saved.Message);
            var settings = (await service.GetAsync(Ct))!;
            Assert.True(settings.HasSecret);
            providerId = settings.Id!.Value;
        }

        await using (var scope = rp.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var stored = await db.ExternalIdentityProviders.IgnoreQueryFilters().SingleAsync(p => p.Id == providerId, Ct);
            Assert.DoesNotContain(Secret, stored.ProtectedClientSecret, StringComparison.Ordinal);
        }

        // The provider: its client for the relying party, and its staff.
        var idpOrganisation = await idp.CreateOrganisationAsync(OrganisationKind.Hospital);
        var idpAdmin = await idp.CreateUserAsync(idpOrganisation, OrganisationRole.Administrator);
        await using (var scope = idp.Services.CreateAsyncScope())
        {
            var descriptor = ApiClientDescriptors.Describe("vendorrisk-rp", "VendorRisk RP", ["vendorrisk.read"], new Uri($"http://rp.test/signin-oidc/{providerId:N}"), Secret);
            descriptor.ClientType = ClientTypes.Confidential;
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor, Ct);
            await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
            db.ApiClients.Add(new ApiClient(idpOrganisation.Id, "vendorrisk-rp", "VendorRisk RP", ["vendorrisk.read"], new Uri($"http://rp.test/signin-oidc/{providerId:N}"), idpAdmin.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        var ciso = await idp.CreateUserAsync(idpOrganisation, OrganisationRole.Ciso);
        var auditor = await idp.CreateUserAsync(idpOrganisation, OrganisationRole.Auditor);

        // The mapped user signs in at the provider, then on the relying party through it.
        var (signedIn, cisoEmail) = await SignInThroughProviderAsync(idp, rp, providerId, ciso, "/vendors");
        Assert.Equal("/vendors", signedIn);
        await using (var scope = rp.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(hospital.Id))
        {
            var membership = await (from m in db.Memberships
                                    join u in db.Users on m.UserId equals u.Id
                                    where u.Email == cisoEmail
                                    select m).SingleAsync(Ct);
            Assert.Equal(OrganisationRole.Ciso, membership.Role);
        }

        // The unmapped user is refused with a clear message and no session.
        var (refusedAt, _) = await SignInThroughProviderAsync(idp, rp, providerId, auditor, "/vendors");
        Assert.Equal($"/Account/Login?external={ExternalSignInProblem.Unmapped}", refusedAt);
    }

    /// <summary>Runs the browser's part: RP challenge → provider authorize (signed in there) → RP callback → completion. Returns where the RP sends the user at the end.</summary>
    private static async Task<(string Location, string Email)> SignInThroughProviderAsync(VendorRiskAppFactory idp, VendorRiskAppFactory rp, Guid providerId, TestUser user, string returnUrl)
    {
        // The test users' addresses are @test.example: give the provider's user one of the hospital's domain.
        var email = user.Email.Replace("@test.example", "@idp-staff.example", StringComparison.Ordinal);
        await using (var scope = idp.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VendorRisk.Infrastructure.Identity.ApplicationUser>>();
            var account = (await users.FindByIdAsync(user.Id))!;
            await users.SetEmailAsync(account, email);
            account.EmailConfirmed = true;
            await users.SetUserNameAsync(account, email);
            await users.UpdateAsync(account);
        }

        using var idpBrowser = idp.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://idp.test/"), AllowAutoRedirect = false, HandleCookies = true });
        await idpBrowser.SignInAsync(user with { Email = email });
        using var rpBrowser = rp.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://rp.test/"), AllowAutoRedirect = false, HandleCookies = true });

        using var challenge = await rpBrowser.GetAsync(new Uri($"/Account/External/{providerId:N}?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.Equal("idp.test", authorize.Host);

        using var approved = await idpBrowser.GetAsync(new Uri(authorize.PathAndQuery, UriKind.Relative), Ct);
        Assert.True(approved.StatusCode == HttpStatusCode.Redirect, $"{approved.StatusCode}: {await approved.Content.ReadAsStringAsync(Ct)}");
        var callback = approved.Headers.Location!;
        Assert.Equal("rp.test", callback.Host);
        Assert.Contains("code=", callback.Query, StringComparison.Ordinal);

        using var redeemed = await rpBrowser.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative), Ct);
        Assert.True(redeemed.StatusCode == HttpStatusCode.Redirect, $"{redeemed.StatusCode}: {await redeemed.Content.ReadAsStringAsync(Ct)}");
        using var completed = await rpBrowser.GetAsync(new Uri(redeemed.LocationPath(), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var location = completed.LocationPath();

        if (location == returnUrl)
        {
            using var page = await rpBrowser.GetAsync(new Uri(returnUrl, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        else
        {
            var login = await rpBrowser.GetStringAsync(new Uri(location, UriKind.Relative), Ct);
            Assert.Contains("external-error", login, StringComparison.Ordinal);
            using var page = await rpBrowser.GetAsync(new Uri(returnUrl, UriKind.Relative), Ct);
            Assert.StartsWith("/Account/Login", page.LocationPath(), StringComparison.Ordinal);
        }

        return (location, email);
    }
}

/// <summary>The API's per-client limit, on an app whose limit is tiny.</summary>
public sealed class ApiRateLimitTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_client_over_its_limit_gets_429_while_another_client_still_gets_through(DatabaseProvider provider)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(provider, settings: new Dictionary<string, string> { ["OpenIdConnect:ApiCallsPerMinutePerClient"] = "2" });
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var administrator = await app.AdministratorAsync(hospital);
        var busy = await app.RegisterClientAsync(administrator, ["vendorrisk.read"]);
        var quiet = await app.RegisterClientAsync(administrator, ["vendorrisk.read"]);
        using var http = app.CreateClient();
        var busyToken = (await http.ClientCredentialsAsync(busy)).AccessToken;
        var quietToken = (await http.ClientCredentialsAsync(quiet)).AccessToken;

        for (var i = 0; i < 2; i++)
        {
            using var ok = await http.GetWithTokenAsync("/api/v1/vendors", busyToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await http.GetWithTokenAsync("/api/v1/vendors", busyToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using var other = await http.GetWithTokenAsync("/api/v1/vendors", quietToken);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
