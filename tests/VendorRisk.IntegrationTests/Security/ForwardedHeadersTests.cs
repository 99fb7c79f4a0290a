using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Api;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>
/// <c>ReverseProxy</c> settings: behind a known proxy the client's forwarded address is the one the
/// sessions, the audit log, the rate limits and the alerts see; from anyone else the header is
/// ignored, and with nothing configured it is ignored from everyone. The socket address of each
/// request is set with <see cref="ClientAddress"/>.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";
    private const string Stranger = "203.0.113.9";
    private const string France = "193.51.24.1";
    private const string Britain = "81.2.69.142";
    private const string UnitedStates = "8.8.8.8";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Behind_a_known_proxy_the_forwarded_client_reaches_sessions_audit_rate_limits_and_alerts_and_from_others_it_is_ignored(DatabaseProvider provider)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(provider, configureServices: ClientAddress.Use, settings: new Dictionary<string, string>
        {
            ["ReverseProxy:KnownProxies:0"] = Proxy,
            ["Security:GeoIp:CountryDatabasePath"] = ClientAddress.CountryDatabasePath,
            ["Security:SignInAttemptsPerMinutePerAddress"] = "4",
        });
        var hospital = await Hospital.CreateAsync(app);
        var auditor = hospital.Auditor;
        var client = await app.RegisterClientAsync(await app.AdministratorAsync(hospital.Organisation), ["vendorrisk.read"]);

        // The API client through the proxy: its usual address is France, then Britain is new.
        using (var http = app.CreateClient())
        {
            http.From(Proxy);
            http.ForwardedFor(France);
            var token = (await http.ClientCredentialsAsync(client, "vendorrisk.read")).AccessToken;
            foreach (var address in new[] { France, Britain })
            {
                http.ForwardedFor(address);
                using var response = await http.GetWithTokenAsync("/api/v1/vendors", token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // From a stranger (not the proxy) the header is not believed: the stranger's own address is new.
            http.From(Stranger);
            http.ForwardedFor(France);
            using (var spoofed = await http.GetWithTokenAsync("/api/v1/vendors", token))
            {
                Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(hospital.Organisation.Id))
        {
            Assert.Equal([France, Stranger, Britain], (await db.ApiClientAddresses.Select(a => a.IpAddress).ToListAsync(Ct)).Order(StringComparer.Ordinal));
            var alerts = await db.SecurityAlerts.AsNoTracking().Where(a => a.Kind == SecurityAlertKind.ApiClientNewAddress).ToListAsync(Ct);
            Assert.Equal([Stranger, Britain], alerts.Select(a => a.Detail).Order(StringComparer.Ordinal));
        }

        // The alert's audit entry carries the client's address, not the proxy's.
        var chain = await app.ChainAsync(hospital.Organisation.Id);
        Assert.Contains(chain, e => e.Action.StartsWith("SecurityAlert.", StringComparison.Ordinal) && e.IpAddress == Britain);
        Assert.DoesNotContain(chain, e => e.IpAddress == Proxy);

        // A browser through the proxy: the session and the sign-in event have the client's address and country.
        using (var browser = app.CreateBrowserLikeClient())
        {
            browser.From(Proxy);
            browser.ForwardedFor(Britain);
            await browser.SignInAsync(hospital.Ciso);
        }

        Assert.Equal((Britain, "GB"), await LatestSessionAsync(app, hospital.Ciso.Id));
        Assert.Equal(Britain, await LatestSignInAddressAsync(app, hospital.Ciso.Id));

        // A stranger claiming to forward for France: the session has the stranger's address.
        using (var stranger = app.CreateBrowserLikeClient())
        {
            stranger.From(Stranger);
            stranger.ForwardedFor(France);
            await stranger.SignInAsync(auditor);
        }

        Assert.Equal(Stranger, (await LatestSessionAsync(app, auditor.Id)).Address);

        // Rate limits count per client behind the proxy: the United States runs out of sign-in posts
        // (4 a minute; at most two windows' worth if a minute turns meanwhile), France, through the
        // same proxy, still has its own.
        using (var us = app.CreateBrowserLikeClient())
        using (var france = app.CreateBrowserLikeClient())
        {
            us.From(Proxy);
            us.ForwardedFor(UnitedStates);
            france.From(Proxy);
            france.ForwardedFor(France);
            var refused = false;
            for (var i = 0; i < 9 && !refused; i++)
            {
                using var post = await us.PostLoginAsync("nobody@test.example", "whatever-password");
                refused = post.StatusCode == HttpStatusCode.TooManyRequests;
            }

            Assert.True(refused);
            using var other = await france.PostLoginAsync("nobody@test.example", "whatever-password");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var limited = await db.SecurityEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Kind == SecurityEventKind.RateLimited).Select(e => e.IpAddress).ToListAsync(Ct);
            Assert.Contains(UnitedStates, limited);
            Assert.DoesNotContain(Proxy, limited);
        }

        // The scheme: https forwarded by the proxy makes cookies Secure; claimed by a stranger, it does not.
        Assert.True(await LoginPageCookiesAreSecureAsync(app, Proxy));
        Assert.False(await LoginPageCookiesAreSecureAsync(app, Stranger));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task With_no_proxy_configured_forwarded_headers_are_ignored_from_everyone_even_loopback_and_with_the_framework_switch(DatabaseProvider provider)
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true would make the framework trust every sender.
        await using var app = await VendorRiskAppFactory.StartAsync(provider, configureServices: ClientAddress.Use, settings: new Dictionary<string, string>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Security:SignInAttemptsPerMinutePerAddress"] = "100000",
        });
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);

        // From loopback (which ASP.NET Core's defaults trust as a proxy).
        using (var local = app.CreateBrowserLikeClient())
        {
            local.From("127.0.0.1");
            local.ForwardedFor(Britain);
            await local.SignInAsync(user);
        }

        Assert.Equal(("127.0.0.1", (string?)null), await LatestSessionAsync(app, user.Id));

        // With no socket address at all (the test server's own), the header is not taken either.
        using (var unknown = app.CreateBrowserLikeClient())
        {
            unknown.ForwardedFor(UnitedStates);
            await unknown.SignInAsync(user);
        }

        Assert.NotEqual(UnitedStates, (await LatestSessionAsync(app, user.Id)).Address);
        Assert.False(await LoginPageCookiesAreSecureAsync(app, "127.0.0.1"));
    }

    [Fact]
    public async Task A_wrong_proxy_setting_stops_the_app_at_start_naming_it()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await VendorRiskAppFactory.StartAsync(
            DatabaseProvider.Sqlite,
            settings: new Dictionary<string, string> { ["ReverseProxy:KnownNetworks:0"] = "10.0.0.0/33" }));
        Assert.Contains("ReverseProxy:KnownNetworks: '10.0.0.0/33'", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(string? Address, string? Country)> LatestSessionAsync(VendorRiskAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(Ct);
        var latest = sessions.OrderByDescending(s => s.StartedAtUtc).First();
        return (latest.IpAddress, latest.Country);
    }

    private static async Task<string?> LatestSignInAddressAsync(VendorRiskAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var events = await db.SecurityEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.UserId == userId && e.Kind == SecurityEventKind.SignInSucceeded).ToListAsync(Ct);
        return events.OrderByDescending(e => e.OccurredAtUtc).First().IpAddress;
    }

    /// <summary>GET /Account/Login from <paramref name="socket"/>, claiming https: whether its antiforgery cookie is Secure.</summary>
    private static async Task<bool> LoginPageCookiesAreSecureAsync(VendorRiskAppFactory app, string socket)
    {
        using var client = app.CreateBrowserLikeClient();
        client.From(socket);
        client.ForwardedFor(France);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("VendorRisk.Antiforgery=", StringComparison.Ordinal));
        return cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase);
    }
}

internal static class ForwardedHeaderRequests
{
    /// <summary>What a reverse proxy adds: the address of the client it forwards for.</summary>
    public static void ForwardedFor(this HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
    }
}
