using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Sessions;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Sessions;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>The absolute lifetime and idle timeout of sessions, enforced on the session row, with a fake clock.</summary>
public sealed class SessionLifetimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> Lifetime = new()
    {
        ["Security:Sessions:AbsoluteLifetime"] = "01:00:00",
        ["Security:Sessions:IdleTimeout"] = "00:30:00",
        ["Security:SignInAttemptsPerMinutePerAddress"] = "100000",
    };

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_busy_session_ends_at_its_absolute_lifetime_and_an_idle_one_at_the_idle_timeout(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await VendorRiskAppFactory.StartAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(clock), settings: Lifetime);
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var busy = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        var idle = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        using var busyBrowser = app.CreateBrowserLikeClient();
        using var idleBrowser = app.CreateBrowserLikeClient();
        await busyBrowser.SignInAsync(busy);
        await idleBrowser.SignInAsync(idle);

        // Active every 20 minutes: still in after 40 minutes, out once the hour has passed, though never idle
        // (and the browser's sliding cookie, 8 hours, is still valid).
        for (var i = 0; i < 2; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(busyBrowser));
        }

        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(busyBrowser));

        // The other browser did nothing for 61 minutes: out (idle).
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(idleBrowser));

        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var ended = await db.UserSessions.Where(s => s.UserId == busy.Id || s.UserId == idle.Id).ToListAsync(Ct);
        Assert.Equal(2, ended.Count);
        Assert.All(ended, s => Assert.Equal(UserSession.ExpiredMarker, s.EndedBy));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_idle_session_is_refused_after_the_timeout_and_a_live_circuit_is_refused_at_the_absolute_lifetime(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await VendorRiskAppFactory.StartAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(clock), settings: Lifetime);
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        using var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(user);
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser));
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(browser));

        // A live circuit: the revalidation (every minute) asks SessionStore.IsLiveAsync, which also
        // records the circuit's activity; the absolute lifetime ends it anyway.
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SessionStore>();
        var session = await store.StartAsync(user.Id, null, "Circuit/1.0", Ct);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(VendorRiskClaimTypes.Session, session.ToString())], "test"));
        for (var minute = 0; minute < 59; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(await store.IsLiveAsync(principal, null, Ct), $"minute {minute + 1}");
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await store.IsLiveAsync(principal, null, Ct));
        Assert.False(await store.IsLiveAsync(principal, null, Ct));
    }

    [Fact]
    public async Task Inconsistent_lifetimes_stop_the_app_at_start_with_a_clear_message()
    {
        var settings = new Dictionary<string, string>(Lifetime) { ["Security:Sessions:IdleTimeout"] = "02:00:00" };
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await VendorRiskAppFactory.StartAsync(DatabaseProvider.Sqlite, settings: settings));
        Assert.Contains("Security:Sessions", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        return response.StatusCode;
    }
}
