using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Alerts;
using VendorRisk.Web.Features.Security;
using VendorRisk.Web.Features.Sessions;
using VendorRisk.Web.Features.TenantSecurity;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>Live sessions, bulk-read safeguards and alerts, with two tenants, on both databases.</summary>
public sealed class PlatformSecurityTests(PlatformSecurityTests.AppsWithMail fixture) : IClassFixture<PlatformSecurityTests.AppsWithMail>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_administrator_ends_a_members_session_and_its_cookie_is_refused_on_the_next_request(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var buyer = await app.CreateUserAsync(hospital, OrganisationRole.Procurement);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(buyer);
        using (var before = await client.GetAsync(new Uri("/vendors", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using var scope = await app.ScopeForAsync(admin);
        var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
        var live = Assert.Single(await sessions.ListLiveAsync(Ct), s => s.UserId == buyer.Id);
        Assert.False(live.IsCurrent);
        Assert.True(await sessions.EndAsync(live.SessionId, Ct));

        using var after = await client.GetAsync(new Uri("/vendors", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.LocationPath(), StringComparison.Ordinal);
        Assert.DoesNotContain(await sessions.ListLiveAsync(Ct), s => s.UserId == buyer.Id);
        Assert.Contains(await app.ChainAsync(hospital.Id), e => e.Action == "Session.Ended" && e.TargetId == buyer.Id);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_administrator_neither_sees_nor_ends_the_sessions_of_another_organisation(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospitalA = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var hospitalB = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var userA = await app.CreateUserAsync(hospitalA, OrganisationRole.Dpo);
        var adminA = await app.CreateUserAsync(hospitalA, OrganisationRole.Administrator);
        var adminB = await app.CreateUserAsync(hospitalB, OrganisationRole.Administrator);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(userA);

        Guid sessionOfA;
        await using (var scopeA = await app.ScopeForAsync(adminA))
        {
            sessionOfA = Assert.Single(await scopeA.ServiceProvider.GetRequiredService<SessionService>().ListLiveAsync(Ct), s => s.UserId == userA.Id).SessionId;
        }

        await using var scopeB = await app.ScopeForAsync(adminB);
        var sessionsB = scopeB.ServiceProvider.GetRequiredService<SessionService>();
        Assert.DoesNotContain(await sessionsB.ListLiveAsync(Ct), s => s.UserId == userA.Id);
        Assert.False(await sessionsB.EndAsync(sessionOfA, Ct));
        Assert.Equal(0, await sessionsB.EndAllAsync(userA.Id, Ct));

        using var still = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Signing_out_ends_the_session_and_end_all_ends_every_session_of_a_member(DatabaseProvider provider)
    {
        // A contributor signs in with a password only, so one account can sign in three times at once
        // (an authenticator code is accepted once per time step).
        var app = fixture.Apps[provider];
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var admin = await app.CreateUserAsync(vendor, OrganisationRole.VendorAdmin);
        var ciso = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        using var laptop = app.CreateBrowserLikeClient();
        using var phone = app.CreateBrowserLikeClient();
        using var tablet = app.CreateBrowserLikeClient();
        await laptop.SignInAsync(ciso);
        await phone.SignInAsync(ciso);
        await tablet.SignInAsync(ciso);
        await using var scope = await app.ScopeForAsync(admin);
        var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
        Assert.Equal(3, (await sessions.ListLiveAsync(Ct)).Count(s => s.UserId == ciso.Id));

        using (await tablet.PostAccountEndpointAsync("/Account/Logout", []))
        {
        }

        Assert.Equal(2, (await sessions.ListLiveAsync(Ct)).Count(s => s.UserId == ciso.Id));
        Assert.Equal(2, await sessions.EndAllAsync(ciso.Id, Ct));
        foreach (var client in new[] { laptop, phone })
        {
            using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    /// <summary>The MediBoard pattern: a CISO session reads vendor data in a loop.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Bulk_reads_demand_step_up_then_are_refused_alerted_emailed_and_audited_in_one_tenant_only(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospitalA = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var hospitalB = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospitalA, OrganisationRole.Ciso);
        var admin = await app.CreateUserAsync(hospitalA, OrganisationRole.Administrator);
        var adminB = await app.CreateUserAsync(hospitalB, OrganisationRole.Administrator);
        await using (var adminScope = await app.ScopeForAsync(admin))
        {
            Assert.Null(await adminScope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SaveExportThresholdsAsync(new ExportThresholds(5, 10, 5), Ct));
        }

        await using var scope = await app.ScopeForAsync(ciso);
        var guard = scope.ServiceProvider.GetRequiredService<BulkReadGuard>();

        var first = await guard.CountAsync(3, "test", cancellationToken: Ct);
        var second = await guard.CountAsync(3, "test", cancellationToken: Ct);
        var afterStepUp = await guard.CountAsync(3, "test", stepUpSatisfied: true, cancellationToken: Ct);
        var loop = await guard.CountAsync(5, "test", stepUpSatisfied: true, cancellationToken: Ct);

        Assert.Equal(BulkReadDecision.Allowed, first.Decision);
        Assert.Equal(BulkReadDecision.RequiresStepUp, second.Decision);
        Assert.Equal(3, second.RecordsThisHour); // nothing returned, nothing counted
        Assert.Equal(BulkReadDecision.Allowed, afterStepUp.Decision);
        Assert.Equal(BulkReadDecision.Refused, loop.Decision);
        Assert.Equal(6, loop.RecordsThisHour);

        // Alerted in A, once, e-mailed to A's CISO and administrator; nothing in B.
        var alert = Assert.Single(await AlertsAsync(app, hospitalA.Id), a => a.Kind == SecurityAlertKind.ExportRefused);
        Assert.Equal(ciso.Id, alert.SubjectUserId);
        var mail = await fixture.Smtp.WaitForMessageToAsync(admin.Email);
        Assert.Contains(hospitalA.Name, mail.Subject, StringComparison.Ordinal);
        await fixture.Smtp.WaitForMessageToAsync(ciso.Email);
        Assert.Equal(0, fixture.Smtp.CountTo(adminB.Email));
        Assert.Empty(await AlertsAsync(app, hospitalB.Id));
        await using (var scopeB = await app.ScopeForAsync(adminB))
        {
            var alertsB = scopeB.ServiceProvider.GetRequiredService<AlertService>();
            Assert.Empty(await alertsB.ListAsync(includeAcknowledged: true, Ct));
            Assert.False(await alertsB.AcknowledgeAsync(alert.Id, Ct));
        }

        // A second refusal in the hour is audited but raises no second alert.
        Assert.True((await guard.CountAsync(5, "test", stepUpSatisfied: true, cancellationToken: Ct)).Refused);
        Assert.Single(await AlertsAsync(app, hospitalA.Id), a => a.Kind == SecurityAlertKind.ExportRefused);

        var chain = await app.ChainAsync(hospitalA.Id);
        Assert.Single(chain, e => e.Action == "BulkRead.StepUpRequired");
        Assert.Equal(2, chain.Count(e => e.Action == "BulkRead.Refused"));
        Assert.Contains(chain, e => e.Action.StartsWith("SecurityAlert.", StringComparison.Ordinal));
        Assert.True((await app.VerifyAsync(hospitalA.Id)).IsIntact);

        // The administrator acknowledges it; that is audited too.
        await using (var adminScope = await app.ScopeForAsync(admin))
        {
            var alerts = adminScope.ServiceProvider.GetRequiredService<AlertService>();
            Assert.True(await alerts.AcknowledgeAsync(alert.Id, Ct));
            Assert.DoesNotContain(await alerts.ListAsync(includeAcknowledged: false, Ct), a => a.Id == alert.Id);
        }

        Assert.Contains(await app.ChainAsync(hospitalA.Id), e => e.Action == "SecurityAlert.Changed" && e.Changes!.Contains("AcknowledgedAtUtc", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_audit_export_is_refused_with_a_message_above_the_threshold(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        await using (var scope = await app.ScopeForAsync(ciso))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SaveExportThresholdsAsync(new ExportThresholds(1, 2, 5), Ct));
        }

        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(ciso);
        using var export = await client.GetAsync(new Uri("/audit/export.csv", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.StartsWith("Refused:", await export.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Inconsistent_thresholds_are_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        var auditor = await app.CreateUserAsync(hospital, OrganisationRole.Auditor);
        await using var scope = await app.ScopeForAsync(ciso);
        var settings = scope.ServiceProvider.GetRequiredService<OrganisationSecurityService>();

        Assert.NotNull(await settings.SaveExportThresholdsAsync(new ExportThresholds(100, 100, 5), Ct));
        Assert.NotNull(await settings.SaveExportThresholdsAsync(new ExportThresholds(0, 100, 5), Ct));
        Assert.NotNull(await settings.SaveExportThresholdsAsync(new ExportThresholds(10, 100, 1), Ct));
        Assert.NotNull(await settings.SaveExportThresholdsAsync(new ExportThresholds(10, int.MaxValue, 5), Ct));

        Assert.Equal(new ExportThresholds(TenantSecuritySettings.DefaultStepUpThreshold, TenantSecuritySettings.DefaultRefusalThreshold, TenantSecuritySettings.DefaultBaselineMultiplier), await settings.GetExportThresholdsAsync(Ct));
        await using var auditorScope = await app.ScopeForAsync(auditor);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => auditorScope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SaveExportThresholdsAsync(new ExportThresholds(1, 2, 5), Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Many_wrong_mfa_codes_raise_an_alert_in_the_users_organisation(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var dpo = await app.CreateUserAsync(hospital, OrganisationRole.Dpo);
        using var client = app.CreateBrowserLikeClient();

        using (await client.PostLoginAsync(dpo.Email, dpo.Password))
        {
        }

        for (var i = 0; i < 4; i++)
        {
            using (await client.PostCodeAsync("000000"))
            {
            }
        }

        Assert.DoesNotContain(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.FailedMfaCodes);
        using (await client.PostCodeAsync("000000"))
        {
        }

        var alert = Assert.Single(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.FailedMfaCodes);
        Assert.Equal(dpo.Id, alert.SubjectUserId);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_privileged_sign_in_from_a_new_browser_raises_an_alert_and_a_known_one_does_not(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var usual = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var travelling = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            // Both signed in before from their laptop.
            foreach (var user in new[] { usual, travelling })
            {
                db.SecurityEvents.Add(new SecurityEvent(SecurityEventKind.SignInSucceeded, DateTimeOffset.UtcNow.AddDays(-3), user.Id, user.Email, null, "10.0.0.1", "Laptop/1.0", null));
            }

            await db.SaveChangesAsync(Ct);
        }

        using var laptop = app.CreateBrowserLikeClient();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");
        await laptop.SignInAsync(usual);
        using var stranger = app.CreateBrowserLikeClient();
        stranger.DefaultRequestHeaders.UserAgent.ParseAdd("Stranger/6.6");
        await stranger.SignInAsync(travelling);

        var alert = Assert.Single(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.NewDeviceForPrivilegedUser);
        Assert.Equal(travelling.Id, alert.SubjectUserId);
        Assert.Equal("Stranger/6.6", alert.Detail);
    }

    private static async Task<List<SecurityAlert>> AlertsAsync(VendorRiskAppFactory app, Guid tenant)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(tenant);
        return await db.SecurityAlerts.AsNoTracking().ToListAsync(Ct);
    }

    /// <summary>One app per database, mailing to one in-process SMTP server, alerts dispatched every second.</summary>
    public sealed class AppsWithMail : IAsyncLifetime
    {
        public TestSmtpServer Smtp { get; } = new();

        public Dictionary<DatabaseProvider, VendorRiskAppFactory> Apps { get; } = [];

        public async ValueTask InitializeAsync()
        {
            var settings = Smtp.AppSettings();
            settings["Security:SignInAttemptsPerMinutePerAddress"] = "100000";
            settings["Alerts:DispatchInterval"] = "00:00:01";
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                Apps[provider] = await VendorRiskAppFactory.StartAsync(provider, settings: settings);
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
