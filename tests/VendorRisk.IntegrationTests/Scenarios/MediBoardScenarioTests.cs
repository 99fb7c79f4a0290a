using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Security;
using VendorRisk.Web.Features.Security;
using VendorRisk.Web.Features.Sessions;

namespace VendorRisk.IntegrationTests.Scenarios;

/// <summary>
/// The MediBoard breach (November 2024) replayed against VendorRisk, step by step, on both
/// databases: a privileged account's password is stolen, then a session cookie, and the attacker
/// uses ordinary features to read the hospital's data in bulk. Each step asserts the control that
/// stops or detects it (docs/security.md, "The MediBoard scenario").
/// </summary>
public sealed class MediBoardScenarioTests(PlatformSecurityTests.AppsWithMail fixture) : IClassFixture<PlatformSecurityTests.AppsWithMail>
{
    private const string ExportedAction = "Scenario.Page";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_stolen_ciso_password_and_then_a_stolen_session_are_stopped_alerted_audited_and_ended(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];

        // The hospital: a CISO (the victim), an administrator, and another hospital that must notice nothing.
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var otherHospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var otherAdmin = await app.CreateUserAsync(otherHospital, OrganisationRole.Administrator);
        await using (var adminScope = await app.SteppedUpScopeForAsync(admin))
        {
            // Low thresholds so the story stays short: step-up above 5 records an hour, refusal above 10.
            Assert.Null(await adminScope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SaveExportThresholdsAsync(new ExportThresholds(5, 10, 5), Ct));
        }

        // What the exports below read: three pages of three records, and a bulk of twelve.
        await app.AppendAsync(hospital.Id, 3, ExportedAction + "1");
        await app.AppendAsync(hospital.Id, 3, ExportedAction + "2");
        await app.AppendAsync(hospital.Id, 3, ExportedAction + "3");
        await app.AppendAsync(hospital.Id, 12, "Scenario.Bulk");

        // Morning: the CISO signs in normally (password and authenticator code) and works.
        var victimCookies = new CookieContainer();
        using var victim = BrowserWith(app, victimCookies);
        await victim.SignInAsync(ciso);

        // 1. The attacker has the CISO's password (phished), not the second factor: no session.
        using var attacker = BrowserWith(app, new CookieContainer());
        using (var password = await attacker.PostLoginAsync(ciso.Email, ciso.Password))
        {
            Assert.Contains("LoginWith2fa", password.LocationPath(), StringComparison.Ordinal);
        }

        using (var withoutCode = await attacker.GetAsync(new Uri("/vendors", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, withoutCode.StatusCode);
            Assert.StartsWith("/Account/Login", withoutCode.LocationPath(), StringComparison.Ordinal);
        }

        //    Guessing codes: every failure is recorded; the fifth raises an alert for the hospital.
        Assert.DoesNotContain(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.FailedMfaCodes);
        for (var i = 0; i < 5; i++)
        {
            using (await attacker.PostCodeAsync("000000"))
            {
            }
        }

        Assert.True(await SecurityEventCountAsync(app, ciso.Id, SecurityEventKind.MfaCodeRejected) >= 5);
        var mfaAlert = Assert.Single(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.FailedMfaCodes);
        Assert.Equal(ciso.Id, mfaAlert.SubjectUserId);
        using (var stillOut = await attacker.GetAsync(new Uri("/vendors", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
        }

        // 2. The attacker steals the CISO's session cookie instead (malware on the workstation).
        var stolen = new CookieContainer();
        stolen.Add(victimCookies.GetAllCookies());
        using var thief = BrowserWith(app, stolen);
        using (var inside = await thief.GetAsync(new Uri("/vendors", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        }

        // 3. The attacker exports page after page. The first page stays under the first threshold.
        using (var first = await ExportAsync(thief, ExportedAction + "1"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains(ExportedAction + "1", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        //    The second page goes above the first threshold: step-up is demanded and nothing is returned.
        using (var second = await ExportAsync(thief, ExportedAction + "2"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
            Assert.DoesNotContain(ExportedAction, await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        //    The attacker has no authenticator, and the guesses of step 1 locked the account: a step-up
        //    code is refused before it is even checked.
        using (var guessed = await thief.PostPasskeyAsync("/Account/StepUp/Code", new { code = "000000" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
        }

        Assert.True(await SecurityEventCountAsync(app, ciso.Id, SecurityEventKind.LockedOut) >= 1);
        using (var stillRefused = await ExportAsync(thief, ExportedAction + "2"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stillRefused.StatusCode);
        }

        //    Asking for everything at once goes above the second threshold: refused outright.
        using (var everything = await ExportAsync(thief, "Scenario."))
        {
            Assert.Equal(HttpStatusCode.Forbidden, everything.StatusCode);
            Assert.DoesNotContain("Scenario.", await everything.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // 4. The hospital's CISOs and administrators are alerted in the app and by e-mail within the
        //    dispatch interval (one second here); the other hospital hears nothing.
        var exportAlert = Assert.Single(await AlertsAsync(app, hospital.Id), a => a.Kind == SecurityAlertKind.ExportRefused);
        Assert.Equal(ciso.Id, exportAlert.SubjectUserId);
        var mail = await fixture.Smtp.WaitForMessageToAsync(admin.Email);
        Assert.Contains(hospital.Name, mail.Subject, StringComparison.Ordinal);
        await fixture.Smtp.WaitForMessageToAsync(ciso.Email);
        Assert.Equal(0, fixture.Smtp.CountTo(otherAdmin.Email));
        Assert.Empty(await AlertsAsync(app, otherHospital.Id));

        // 5. Everything is in the hospital's audit log, and the chain verifies.
        var chain = await app.ChainAsync(hospital.Id);
        Assert.Contains(chain, e => e.Action == "Security.MfaCodeRejected" && e.ActorUserId == ciso.Id);
        Assert.Contains(chain, e => e.Action == "Security.LockedOut" && e.ActorUserId == ciso.Id);
        Assert.Single(chain, e => e.Action == "AuditLog.Exported");
        Assert.Equal(2, chain.Count(e => e.Action == "BulkRead.StepUpRequired"));
        Assert.Single(chain, e => e.Action == "BulkRead.Refused");
        Assert.Contains(chain, e => e.Action.StartsWith("SecurityAlert.", StringComparison.Ordinal));
        Assert.True((await app.VerifyAsync(hospital.Id)).IsIntact);

        // 6. The administrator ends the CISO's sessions: the stolen cookie is refused on its next request.
        await using (var adminScope = await app.ScopeForAsync(admin))
        {
            var sessions = adminScope.ServiceProvider.GetRequiredService<SessionService>();
            Assert.True(await sessions.EndAllAsync(ciso.Id, Ct) >= 1);
        }

        using (var ended = await thief.GetAsync(new Uri("/vendors", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.StartsWith("/Account/Login", ended.LocationPath(), StringComparison.Ordinal);
        }

        using (var export = await ExportAsync(thief, ExportedAction + "1"))
        {
            Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        }

        Assert.Contains(await app.ChainAsync(hospital.Id), e => e.Action == "Session.AllEnded");
        Assert.True((await app.VerifyAsync(hospital.Id)).IsIntact);
    }

    /// <summary>A browser whose cookie jar the test can read and copy (as a cookie thief would).</summary>
    private static HttpClient BrowserWith(VendorRiskAppFactory app, CookieContainer cookies) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    /// <summary>The audit log's CSV export of the events whose action contains <paramref name="action"/>.</summary>
    private static Task<HttpResponseMessage> ExportAsync(HttpClient client, string action) =>
        client.GetAsync(new Uri($"/audit/export.csv?action={Uri.EscapeDataString(action)}", UriKind.Relative), Ct);

    private static async Task<List<SecurityAlert>> AlertsAsync(VendorRiskAppFactory app, Guid tenant)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(tenant);
        return await db.SecurityAlerts.AsNoTracking().ToListAsync(Ct);
    }

    private static async Task<int> SecurityEventCountAsync(VendorRiskAppFactory app, string userId, SecurityEventKind kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return await db.SecurityEvents.CountAsync(e => e.UserId == userId && e.Kind == kind, Ct);
    }
}
