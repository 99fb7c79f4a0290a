using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Geolocation;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Api;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Sessions;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Features.Alerts;
using VendorRisk.Web.Features.Security;
using VendorRisk.Web.Features.Sessions;
using VendorRisk.Web.Features.TenantSecurity;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>
/// Users' own sessions, the new-country and new-API-address alerts and the export step-up, on both
/// databases, with the test country database and client addresses set per request.
/// </summary>
public sealed class SessionSecurityTests(SessionSecurityTests.AppsWithGeolocation fixture) : IClassFixture<SessionSecurityTests.AppsWithGeolocation>
{
    private const string France = "193.51.24.1";
    private const string France2 = "130.79.200.1";
    private const string Britain = "81.2.69.142";
    private const string Britain2 = "212.58.244.22";
    private const string UnitedStates = "8.8.8.8";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Users_see_their_own_sessions_and_end_one_but_never_a_session_of_someone_else(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        var colleague = await app.CreateUserAsync(vendor, OrganisationRole.VendorAdmin);
        using var laptop = app.CreateBrowserLikeClient();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0");
        laptop.From(France);
        using var phone = app.CreateBrowserLikeClient();
        phone.From(Britain);
        await laptop.SignInAsync(user);
        await phone.SignInAsync(user);
        var phoneSession = await LatestSessionAsync(app, user.Id);

        // Seen from the phone's own session: both listed, the phone's marked current, with browser, address and country.
        await using (var scope = await app.ScopeForSessionAsync(user, phoneSession))
        {
            var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
            var mine = await sessions.ListMineAsync(Ct);
            Assert.Equal(2, mine.Count);
            var current = Assert.Single(mine, s => s.IsCurrent);
            Assert.Equal(phoneSession, current.SessionId);
            Assert.Equal("GB", current.Country);
            var other = Assert.Single(mine, s => !s.IsCurrent);
            Assert.Equal(France, other.IpAddress);
            Assert.Equal("Firefox · Windows", DeviceNames.Describe(other.Device));

            // A colleague (even an administrator of the same organisation) cannot end it through the user's path.
            await using (var colleagueScope = await app.ScopeForAsync(colleague))
            {
                var theirs = colleagueScope.ServiceProvider.GetRequiredService<SessionService>();
                Assert.False(await theirs.EndMineAsync(other.SessionId, Ct));
                Assert.DoesNotContain(await theirs.ListMineAsync(Ct), s => s.UserId == user.Id);
            }

            using (var still = await laptop.GetAsync(new Uri("/", UriKind.Relative), Ct))
            {
                Assert.Equal(HttpStatusCode.OK, still.StatusCode);
            }

            Assert.True(await sessions.EndMineAsync(other.SessionId, Ct));
            Assert.False(await sessions.EndMineAsync(other.SessionId, Ct));
            Assert.Single(await sessions.ListMineAsync(Ct));
        }

        using (var ended = await laptop.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.StartsWith("/Account/Login", ended.LocationPath(), StringComparison.Ordinal);
        }

        using (var kept = await phone.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }

        Assert.Contains(await app.ChainAsync(vendor.Id), e => e.Action == "Session.EndedByUser" && e.TargetId == user.Id);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_privileged_sign_in_from_a_new_country_raises_one_alert_per_country_emailed_and_audited(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var auditor = await app.CreateUserAsync(hospital, OrganisationRole.Auditor);
        var adminOther = await app.CreateUserAsync(other, OrganisationRole.Administrator);

        // The first located sign-in has nothing to compare with; the same country again is not new.
        await StartSessionAsync(app, ciso.Id, France);
        await StartSessionAsync(app, ciso.Id, France2);
        Assert.Empty(await AlertsAsync(app, hospital.Id));

        // A real sign-in from Britain: one alert.
        using (var browser = app.CreateBrowserLikeClient())
        {
            browser.From(Britain);
            await browser.SignInAsync(ciso);
        }

        var alert = Assert.Single(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.NewCountryForPrivilegedUser);
        Assert.Equal(ciso.Id, alert.SubjectUserId);
        Assert.Equal($"GB ({Britain})", alert.Detail);

        // Britain again, France again: nothing more. A non-privileged user travelling raises nothing.
        await StartSessionAsync(app, ciso.Id, Britain2);
        await StartSessionAsync(app, ciso.Id, France);
        await StartSessionAsync(app, auditor.Id, France);
        await StartSessionAsync(app, auditor.Id, UnitedStates);
        Assert.Single(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.NewCountryForPrivilegedUser);

        // A third country is a new alert.
        await StartSessionAsync(app, ciso.Id, UnitedStates);
        var alerts = (await AlertsAsync(app, hospital.Id)).Where(a => a.Kind == SecurityAlertKind.NewCountryForPrivilegedUser).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, a => a.Detail == $"US ({UnitedStates})");

        var mail = await fixture.Smtp.WaitForMessageToAsync(admin.Email);
        Assert.Contains("new country", mail.Subject, StringComparison.Ordinal);
        Assert.Empty(await AlertsAsync(app, other.Id));
        Assert.Equal(0, fixture.Smtp.CountTo(adminOther.Email));
        Assert.Contains(await app.ChainAsync(hospital.Id), e => e.Action.StartsWith("SecurityAlert.", StringComparison.Ordinal) && e.Changes!.Contains("NewCountryForPrivilegedUser", StringComparison.Ordinal));
        Assert.True((await app.VerifyAsync(hospital.Id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_api_client_used_from_a_new_address_raises_one_alert_in_its_organisation_only(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var a = await Hospital.CreateAsync(app);
        var b = await Hospital.CreateAsync(app);
        var clientA = await app.RegisterClientAsync(await app.AdministratorAsync(a.Organisation), ["vendorrisk.read"]);
        var clientB = await app.RegisterClientAsync(await app.AdministratorAsync(b.Organisation), ["vendorrisk.read"]);
        using var http = app.CreateClient();
        var tokenA = (await http.ClientCredentialsAsync(clientA, "vendorrisk.read")).AccessToken;
        var tokenB = (await http.ClientCredentialsAsync(clientB, "vendorrisk.read")).AccessToken;

        async Task CallAsync(string token, string address)
        {
            http.From(address);
            using var response = await http.GetWithTokenAsync("/api/v1/vendors", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The first address is the client's usual one; again from it is nothing new.
        await CallAsync(tokenA, France);
        await CallAsync(tokenA, France);
        Assert.DoesNotContain(await AlertsAsync(app, a.Organisation.Id), x => x.Kind == SecurityAlertKind.ApiClientNewAddress);

        await CallAsync(tokenA, Britain);
        await CallAsync(tokenA, Britain);
        var alert = Assert.Single(await AlertsAsync(app, a.Organisation.Id), x => x.Kind == SecurityAlertKind.ApiClientNewAddress);
        Assert.Equal(clientA.ClientId, alert.SubjectName);
        Assert.Equal(Britain, alert.Detail);

        // B's client from the same address: its first one, nothing; and B sees none of A's addresses.
        await CallAsync(tokenB, Britain);
        Assert.Empty(await AlertsAsync(app, b.Organisation.Id));
        await using var scope = app.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();
        await using (var dbA = contexts.CreateForTenant(a.Organisation.Id))
        {
            Assert.Equal([France, Britain], (await dbA.ApiClientAddresses.Select(x => x.IpAddress).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        }

        await using (var dbB = contexts.CreateForTenant(b.Organisation.Id))
        {
            Assert.Equal([Britain], await dbB.ApiClientAddresses.Select(x => x.IpAddress).ToListAsync(Ct));
        }

        Assert.Contains(await app.ChainAsync(a.Organisation.Id), e => e.Action.StartsWith("SecurityAlert.", StringComparison.Ordinal) && e.Changes!.Contains("ApiClientNewAddress", StringComparison.Ordinal));
    }

    /// <summary>
    /// The questionnaire export endpoints stay the real control behind the page's guarded download:
    /// a direct request over the first threshold gets 403 + the step-up header (not the file),
    /// passes once the session has stepped up, and is refused over the second threshold.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_questionnaire_export_endpoint_demands_step_up_then_is_refused_whatever_the_page_did(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var templateId = await Questionnaires.TenantLibrary.For(app, hospital.Organisation.Id).CopyBuiltInAsync(VendorRisk.Domain.Questionnaires.BuiltInTemplate.QuickTriageKey, Ct);
        await using (var scope = app.ScopeFor(hospital.Ciso))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SaveExportThresholdsAsync(new ExportThresholds(1, 2, 5), Ct));
        }

        using var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(hospital.Ciso);
        var session = await LatestSessionAsync(app, hospital.Ciso.Id);
        var json = new Uri($"/questionnaires/{templateId}/versions/1/export.json", UriKind.Relative);
        var excel = new Uri($"/questionnaires/{templateId}/versions/1/export.xlsx", UriKind.Relative);

        using (var first = await browser.GetAsync(json, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await browser.GetAsync(excel, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
            Assert.Equal("required", Assert.Single(second.Headers.GetValues(BulkReadGuard.StepUpHeader)));
            Assert.StartsWith("Re-authentication required", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await using (var page = await app.ScopeForSessionAsync(hospital.Ciso, session))
        {
            var users = page.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await page.ServiceProvider.GetRequiredService<StepUpVerifier>().RecordAsync((await users.FindByIdAsync(hospital.Ciso.Id))!, session.ToString(), "authenticator");
        }

        using (var stepped = await browser.GetAsync(excel, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stepped.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stepped.Content.Headers.ContentType?.MediaType);
        }

        using (var loop = await browser.GetAsync(json, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, loop.StatusCode);
            Assert.False(loop.Headers.Contains(BulkReadGuard.StepUpHeader));
            Assert.StartsWith("Refused:", await loop.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    /// <summary>The MediBoard loop through the export endpoint: step-up demanded (and answerable from the page), then refused and alerted.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_export_demands_step_up_that_the_page_can_answer_then_is_refused_and_alerted(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var register = await Register.CreateAsync(app, hospital);
        await using (var scope = app.ScopeFor(hospital.Ciso))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SaveExportThresholdsAsync(new ExportThresholds(1, 3, 5), Ct));
        }

        using var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(hospital.Ciso);
        var session = await LatestSessionAsync(app, hospital.Ciso.Id);

        // Two vendors > 1: the endpoint cannot open the dialog, it says so (403 + header) and counts nothing.
        using (var first = await browser.GetAsync(new Uri("/vendors/export.csv", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
            Assert.Equal("required", Assert.Single(first.Headers.GetValues(BulkReadGuard.StepUpHeader)));
            Assert.StartsWith("Re-authentication required", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // The page asks the guard first: it opens the step-up dialog (here: a proof recorded for this
        // browser's session), and counts nothing itself.
        await using (var page = await app.ScopeForSessionAsync(hospital.Ciso, session))
        {
            var guard = page.ServiceProvider.GetRequiredService<BulkReadGuard>();
            var asked = 0;
            var check = await guard.CheckAsync(2, "Vendor.Export", async () =>
            {
                asked++;
                var users = page.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                await page.ServiceProvider.GetRequiredService<StepUpVerifier>().RecordAsync((await users.FindByIdAsync(hospital.Ciso.Id))!, session.ToString(), "passkey");
                return true;
            }, Ct);
            Assert.Equal(1, asked);
            Assert.True(check.Allowed);
            Assert.Equal(0, check.RecordsThisHour);
            Assert.True((await guard.CheckAsync(2, "Vendor.Export", () => throw new InvalidOperationException("not asked twice"), Ct)).Allowed);
        }

        using (var download = await browser.GetAsync(new Uri("/vendors/export.csv", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Contains(register.VendorName, await download.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // 2 + 2 > 3: refused even with the fresh step-up, no step-up header, alerted once.
        using (var loop = await browser.GetAsync(new Uri("/vendors/export.xlsx", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, loop.StatusCode);
            Assert.False(loop.Headers.Contains(BulkReadGuard.StepUpHeader));
            Assert.StartsWith("Refused:", await loop.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await using (var page = await app.ScopeForSessionAsync(hospital.Ciso, session))
        {
            var refused = await page.ServiceProvider.GetRequiredService<BulkReadGuard>().CheckAsync(2, "Vendor.Export", () => Task.FromResult(true), Ct);
            Assert.True(refused.Refused);
        }

        Assert.Single(await AlertsAsync(app, hospital.Organisation.Id), x => x.Kind == SecurityAlertKind.ExportRefused);
        var chain = await app.ChainAsync(hospital.Organisation.Id);
        Assert.Equal(2, chain.Count(e => e.Action == "BulkRead.Refused"));
        Assert.Single(chain, e => e.Action == "BulkRead.StepUpRequired");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_alerts_page_says_whether_country_alerts_are_on(DatabaseProvider provider)
    {
        await using var without = await VendorRiskAppFactory.StartAsync(provider);
        foreach (var (app, off) in new[] { (without, true), (fixture.Apps[provider], false) })
        {
            var admin = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Administrator);
            using var browser = app.CreateBrowserLikeClient();
            await browser.SignInAsync(admin);
            var html = await browser.GetStringAsync(new Uri("/alerts", UriKind.Relative), Ct);
            Assert.Equal(off, html.Contains("country-alerts-off", StringComparison.Ordinal));
            Assert.Equal(off, app.Services.GetRequiredService<IIpGeolocation>() is NoIpGeolocation);
        }
    }

    [Fact]
    public void The_country_database_reader_locates_public_addresses_only()
    {
        using var database = new MaxMindCountryDatabase(ClientAddress.CountryDatabasePath);
        Assert.Equal("US", database.CountryOf(UnitedStates));
        Assert.Equal("FR", database.CountryOf(France));
        Assert.Equal("FR", database.CountryOf("::ffff:" + France));
        Assert.Equal("GB", database.CountryOf(Britain));
        Assert.Null(database.CountryOf("10.1.2.3"));
        Assert.Null(database.CountryOf("127.0.0.1"));
        Assert.Null(database.CountryOf("not an address"));
        Assert.Null(database.CountryOf(null));
        Assert.Throws<FileNotFoundException>(() => new MaxMindCountryDatabase(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.mmdb")));
    }

    private static async Task<Guid> LatestSessionAsync(VendorRiskAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var sessions = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null).ToListAsync(Ct);
        return sessions.OrderByDescending(s => s.StartedAtUtc).First().Id;
    }

    /// <summary>A session started as at sign-in (located), then the new-country rule, as the cookie's sign-in does.</summary>
    private static async Task StartSessionAsync(VendorRiskAppFactory app, string userId, string address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<SessionStore>().StartAsync(userId, address, "Browser/1.0", Ct);
        await scope.ServiceProvider.GetRequiredService<SignInCountryRule>().OnSessionStartedAsync(id, Ct);
    }

    private static async Task<List<SecurityAlert>> AlertsAsync(VendorRiskAppFactory app, Guid tenant)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(tenant);
        return await db.SecurityAlerts.AsNoTracking().ToListAsync(Ct);
    }

    /// <summary>One app per database with the test country database, client addresses from a header, alerts mailed every second.</summary>
    public sealed class AppsWithGeolocation : IAsyncLifetime
    {
        public TestSmtpServer Smtp { get; } = new();

        public Dictionary<DatabaseProvider, VendorRiskAppFactory> Apps { get; } = [];

        public async ValueTask InitializeAsync()
        {
            var settings = Smtp.AppSettings();
            settings["Security:SignInAttemptsPerMinutePerAddress"] = "100000";
            settings["Alerts:DispatchInterval"] = "00:00:01";
            settings["Security:GeoIp:CountryDatabasePath"] = ClientAddress.CountryDatabasePath;
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                Apps[provider] = await VendorRiskAppFactory.StartAsync(provider, configureServices: ClientAddress.Use, settings: settings);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var app in Apps.Values)
            {
                await app.DisposeAsync();
            }

            await Smtp.DisposeAsync();
        }
    }
}

/// <summary>Scopes acting in a given sign-in session, as that browser's live circuit does.</summary>
internal static class SessionScopes
{
    public static async Task<AsyncServiceScope> ScopeForSessionAsync(this VendorRiskAppFactory app, TestUser user, Guid sessionId)
    {
        var scope = await app.ScopeForAsync(user);
        var currentUser = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        var identity = new ClaimsIdentity(currentUser.Principal.Claims.Where(c => c.Type != VendorRiskClaimTypes.Session), "test");
        identity.AddClaim(new Claim(VendorRiskClaimTypes.Session, sessionId.ToString()));
        currentUser.SetCircuitUser(new ClaimsPrincipal(identity));
        return scope;
    }
}
