using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Audit;
using VendorRisk.Web.Features.Privacy;

namespace VendorRisk.IntegrationTests.Privacy;

/// <summary>GDPR export and erasure (ADR 0013), with two hospitals, on both databases.</summary>
[Collection(SharedApps.Name)]
public sealed class PrivacyTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_administrator_exports_a_members_data_with_every_section_after_a_step_up(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var dpo = await app.CreateUserAsync(hospital, OrganisationRole.Dpo, displayName: "Dominique Dpo");
        using var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("PrivacyTest/1.0");
        await client.SignInAsync(dpo);

        await using (var notSteppedUp = await app.ScopeForAsync(admin))
        {
            Assert.Equal(PrivacyOutcome.StepUpRequired, (await notSteppedUp.ServiceProvider.GetRequiredService<PrivacyService>().ExportAsync(dpo.Id, Ct)).Outcome);
        }

        await using var scope = await app.SteppedUpScopeForAsync(admin);
        var export = await scope.ServiceProvider.GetRequiredService<PrivacyService>().ExportAsync(dpo.Id, Ct);

        Assert.Equal(PrivacyOutcome.Done, export.Outcome);
        using var json = JsonDocument.Parse(export.Json!);
        var root = json.RootElement;
        Assert.Equal(dpo.Email, root.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal("Dominique Dpo", root.GetProperty("profile").GetProperty("displayName").GetString());
        Assert.Equal("Dpo", Assert.Single(root.GetProperty("memberships").EnumerateArray()).GetProperty("Role").GetString());
        Assert.Contains(root.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("UserAgent").GetString() == "PrivacyTest/1.0");
        Assert.Contains(root.GetProperty("securityEvents").EnumerateArray(), e => e.GetProperty("Kind").GetString() == "SignInSucceeded");
        Assert.Contains(root.GetProperty("auditEntries").EnumerateArray(), e => e.GetProperty("Action").GetString() == "Security.SignInSucceeded");
        Assert.Contains(await app.ChainAsync(hospital.Id), e => e.Action == "Privacy.DataExported" && e.TargetId == dpo.Id && e.ActorUserId == admin.Id);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Erasing_a_member_who_left_removes_their_name_everywhere_and_the_chain_still_verifies(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var auditor = await app.CreateUserAsync(hospital, OrganisationRole.Auditor);
        var leaver = await app.CreateUserAsync(hospital, OrganisationRole.Procurement, displayName: "Lucie Leaver");
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(leaver);
        using (await client.GetAsync(new Uri("/vendors", UriKind.Relative), Ct))
        {
        }

        Assert.Equal("Lucie Leaver", await app.ActorNameAsync(leaver.Id));
        await using (var scope = await app.SteppedUpScopeForAsync(admin))
        {
            Assert.Equal(PrivacyOutcome.Done, await scope.ServiceProvider.GetRequiredService<PrivacyService>().EraseAsync(leaver.Id, Ct));
        }

        // The chain verifies; no entry carries the name or the e-mail; the erasure itself is recorded.
        Assert.True((await app.VerifyAsync(hospital.Id)).IsIntact);
        var chain = await app.ChainAsync(hospital.Id);
        Assert.Contains(chain, e => e.ActorUserId == leaver.Id);
        Assert.Contains(chain, e => e.Action == "Privacy.UserErased" && e.TargetId == leaver.Id);
        foreach (var entry in chain)
        {
            var text = string.Join('|', entry.ActorName, entry.Changes, entry.TargetId);
            Assert.DoesNotContain("Lucie Leaver", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(leaver.Email, text, StringComparison.OrdinalIgnoreCase);
        }

        // Nor can the audit log's readers find it: search by name, page, CSV.
        Assert.Null(await app.ActorNameAsync(leaver.Id));
        await using (var auditorScope = await app.ScopeForAsync(auditor))
        {
            var log = auditorScope.ServiceProvider.GetRequiredService<AuditLogService>();
            Assert.Equal(0, (await log.SearchAsync(new AuditQuery(Actor: "Lucie"), 0, 50, Ct)).Total);
            var page = await log.SearchAsync(new AuditQuery(Actor: leaver.Id), 0, 50, Ct);
            Assert.NotEmpty(page.Items);
            Assert.All(page.Items, e => Assert.Null(page.ActorOf(e)));
            var csv = Encoding.UTF8.GetString(await log.ExportCsvAsync(new AuditQuery(), Ct));
            Assert.DoesNotContain("Lucie Leaver", csv, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(leaver.Email, csv, StringComparison.OrdinalIgnoreCase);
        }

        // The account is pseudonymised and shut: no e-mail, no sessions, events stripped, no sign-in.
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == leaver.Id, Ct);
            Assert.DoesNotContain("Lucie", account.DisplayName, StringComparison.Ordinal);
            Assert.EndsWith("@erased.invalid", account.Email, StringComparison.Ordinal);
            Assert.False(account.IsActive);
            Assert.Null(account.PasswordHash);
            Assert.False(await db.UserSessions.AnyAsync(s => s.UserId == leaver.Id, Ct));
            Assert.False(await db.Memberships.IgnoreQueryFilters([TenantModelConventions.FilterName]).AnyAsync(m => m.UserId == leaver.Id, Ct));
            Assert.All(await db.SecurityEvents.Where(e => e.UserId == leaver.Id).ToListAsync(Ct), e => Assert.Null(e.Email ?? e.IpAddress ?? e.UserAgent));
        }

        using (var oldCookie = await client.GetAsync(new Uri("/vendors", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, oldCookie.StatusCode);
        }

        using var again = app.CreateBrowserLikeClient();
        using var login = await again.PostLoginAsync(leaver.Email, leaver.Password);
        Assert.DoesNotContain("LoginWith2fa", login.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        using var after = await again.GetAsync(new Uri("/vendors", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_administrator_of_another_hospital_or_a_non_administrator_can_neither_export_nor_erase(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospitalA = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var hospitalB = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var adminA = await app.CreateUserAsync(hospitalA, OrganisationRole.Administrator);
        var cisoA = await app.CreateUserAsync(hospitalA, OrganisationRole.Ciso);
        var memberB = await app.CreateUserAsync(hospitalB, OrganisationRole.Dpo, displayName: "Bernard B");
        var adminB = await app.CreateUserAsync(hospitalB, OrganisationRole.Administrator);

        await using (var scopeA = await app.SteppedUpScopeForAsync(adminA))
        {
            var privacyA = scopeA.ServiceProvider.GetRequiredService<PrivacyService>();
            Assert.Equal(PrivacyOutcome.NotFound, (await privacyA.ExportAsync(memberB.Id, Ct)).Outcome);
            Assert.Equal(PrivacyOutcome.NotFound, await privacyA.EraseAsync(memberB.Id, Ct));
            Assert.Equal(PrivacyOutcome.NotFound, await privacyA.EraseAsync("no-such-user", Ct));
        }

        await using (var cisoScope = await app.SteppedUpScopeForAsync(cisoA))
        {
            var privacy = cisoScope.ServiceProvider.GetRequiredService<PrivacyService>();
            Assert.Equal(PrivacyOutcome.NotAllowed, (await privacy.ExportAsync(cisoA.Id, Ct)).Outcome);
            Assert.Equal(PrivacyOutcome.NotAllowed, await privacy.EraseAsync(adminA.Id, Ct));
        }

        // A member of both hospitals: A's administrator cannot erase an account B still uses.
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(hospitalA.Id))
        {
            db.Memberships.Add(new Membership(await db.Organisations.SingleAsync(o => o.Id == hospitalA.Id, Ct), memberB.Id, OrganisationRole.Auditor, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        await using (var scopeA = await app.SteppedUpScopeForAsync(adminA))
        {
            Assert.Equal(PrivacyOutcome.StillInUse, await scopeA.ServiceProvider.GetRequiredService<PrivacyService>().EraseAsync(memberB.Id, Ct));
        }

        await using var scopeB = await app.SteppedUpScopeForAsync(adminB);
        Assert.Equal(PrivacyOutcome.Done, (await scopeB.ServiceProvider.GetRequiredService<PrivacyService>().ExportAsync(memberB.Id, Ct)).Outcome);
        Assert.True((await app.VerifyAsync(hospitalA.Id)).IsIntact);
        Assert.True((await app.VerifyAsync(hospitalB.Id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_export_download_needs_a_step_up_of_the_session_and_answers_only_for_the_own_organisation(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var member = await app.CreateUserAsync(hospital, OrganisationRole.Dpo, displayName: "Denise Dpo");
        var stranger = await app.CreateUserAsync(other, OrganisationRole.Dpo);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(admin);
        var path = new Uri($"/organisation/members/{member.Id}/personal-data.json", UriKind.Relative);

        using (var before = await client.GetAsync(path, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        using (var stepUp = await client.PostPasskeyAsync("/Account/StepUp/Code", new { code = Totp.CodeFor(admin.TotpSecret!, DateTime.UtcNow.AddSeconds(30)) }))
        {
            Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        }

        using (var export = await client.GetAsync(path, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
            using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync(Ct));
            Assert.Equal("Denise Dpo", json.RootElement.GetProperty("profile").GetProperty("displayName").GetString());
        }

        using (var foreign = await client.GetAsync(new Uri($"/organisation/members/{stranger.Id}/personal-data.json", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.DoesNotContain(stranger.Email, await foreign.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        }

        // Another role is refused by the endpoint's policy before the service is asked.
        using var dpoClient = app.CreateBrowserLikeClient();
        await dpoClient.SignInAsync(member);
        using var refused = await dpoClient.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Former_members_are_listed_for_requests_until_erased_and_never_to_another_hospital(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var otherAdmin = await app.CreateUserAsync(other, OrganisationRole.Administrator);
        var leaver = await app.CreateUserAsync(hospital, OrganisationRole.Procurement, displayName: "Louis Leaver");
        var stays = await app.CreateUserAsync(hospital, OrganisationRole.Auditor);

        await using (var scope = await app.SteppedUpScopeForAsync(admin))
        {
            var privacy = scope.ServiceProvider.GetRequiredService<PrivacyService>();
            Assert.Empty(await privacy.ListFormerMembersAsync(Ct));
            Assert.True((await scope.ServiceProvider.GetRequiredService<VendorRisk.Web.Features.Members.MembersService>().RemoveAsync(leaver.Id, TestContext.Current.CancellationToken)).Succeeded);
            var former = Assert.Single(await privacy.ListFormerMembersAsync(Ct));
            Assert.Equal(("Louis Leaver", leaver.Email), (former.DisplayName, former.Email));
            Assert.DoesNotContain(await privacy.ListFormerMembersAsync(Ct), f => f.UserId == stays.Id);
        }

        await using (var otherScope = await app.SteppedUpScopeForAsync(otherAdmin))
        {
            Assert.Empty(await otherScope.ServiceProvider.GetRequiredService<PrivacyService>().ListFormerMembersAsync(Ct));
        }

        await using (var scope = await app.SteppedUpScopeForAsync(admin))
        {
            var privacy = scope.ServiceProvider.GetRequiredService<PrivacyService>();
            Assert.Equal(PrivacyOutcome.Done, await privacy.EraseAsync(leaver.Id, Ct));
            Assert.Empty(await privacy.ListFormerMembersAsync(Ct));
        }
    }
}
