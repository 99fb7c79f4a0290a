using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web;
using VendorRisk.Web.Features.Assessments;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>
/// A finding's owner is a member of its hospital (ADR 0016): chosen by the CISO only, among the
/// members of the same hospital; the register's "mine" filter and the reminders follow the owner,
/// else the assessment's owner. Linked questions come with their text.
/// </summary>
[Collection(SharedApps.Name)]
public sealed class FindingOwnerTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_the_ciso_hands_a_finding_to_a_member_of_the_same_hospital(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        await CriticalFindingDraftTests.SubmitNoAsync(world, id);
        var ciso = world.Hospital.Ciso;
        var other = await Hospital.CreateAsync(world.App);
        var admin = await world.App.CreateUserAsync(world.Hospital.Organisation, OrganisationRole.Administrator, "Hélène Admin");
        var due = DateTime.UtcNow.Date.AddDays(40);
        FindingForm Form(string? owner) => new() { Title = "Logs kept 30 days", QuestionKeys = ["notes"], DueOn = due, OwnerUserId = owner };

        // Raised with an owner: only a member of this hospital; nobody is allowed too.
        foreach (var stranger in new[] { other.Ciso.Id, world.VendorAdmin.Id, "no-such-user" })
        {
            var refused = await world.AsHospitalAsync(ciso, s => s.CreateFindingAsync(id, Form(stranger)));
            Assert.False(refused.Succeeded);
            Assert.Equal("Choose the owner among the members of your organisation.", refused.Error);
        }

        var owned = (await world.AsHospitalAsync(ciso, s => s.CreateFindingAsync(id, Form(world.Hospital.Auditor.Id)))).Id!.Value;
        var unowned = (await world.AsHospitalAsync(ciso, s => s.CreateFindingAsync(id, Form("  ")))).Id!.Value;
        var details = (await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!;
        var view = details.Findings.Single(f => f.Id == owned);
        Assert.Equal(world.Hospital.Auditor.Id, view.OwnerUserId);
        Assert.Equal(CriticalFindingDraftTests.NameOf(world.Hospital.Auditor), view.OwnerName);
        Assert.Null(details.Findings.Single(f => f.Id == unowned).OwnerUserId);

        // The draft raised at submission starts with the assessment's owner.
        var draft = details.Findings.Single(f => f.IsDraft);
        Assert.Equal(world.Hospital.Procurement.Id, draft.OwnerUserId);

        // The question texts come from the published version, with their keys.
        Assert.Equal(("notes", "Notes"), view.Questions.Select(q => (q.Key, q.Text!.En)).Single());
        Assert.Equal("MFA on support accounts?", draft.Questions.Single().Text!.En);

        // Only the CISO may hand a finding over; other roles, the vendor and another hospital are refused and change nothing.
        foreach (var user in new[] { world.Hospital.Procurement, world.Hospital.Auditor, world.Hospital.Dpo, admin, world.VendorAdmin, other.Ciso })
        {
            Assert.False((await world.AsHospitalAsync(user, s => s.AssignFindingOwnerAsync(owned, world.Hospital.Dpo.Id, view.ConcurrencyToken))).Succeeded);
        }

        foreach (var user in new[] { world.Hospital.Procurement, world.Hospital.Auditor, world.Hospital.Dpo, admin, world.VendorAdmin })
        {
            Assert.Empty(await world.AsHospitalAsync(user, s => s.FindingOwnerOptionsAsync()));
        }

        await using (var db = CriticalFindingDraftTests.Context(world))
        {
            Assert.Equal(world.Hospital.Auditor.Id, (await db.Findings.SingleAsync(f => f.Id == owned, TestContext.Current.CancellationToken)).OwnerUserId);
        }

        // The choice offered to the CISO: the members of this hospital, none of another one or of the vendor.
        var choice = (await world.AsHospitalAsync(ciso, s => s.FindingOwnerOptionsAsync())).Select(p => p.UserId).ToList();
        Assert.Contains(world.Hospital.Dpo.Id, choice);
        Assert.Contains(admin.Id, choice);
        Assert.DoesNotContain(other.Ciso.Id, choice);
        Assert.DoesNotContain(world.VendorAdmin.Id, choice);
        Assert.DoesNotContain(ciso.Id, (await world.AsHospitalAsync(other.Ciso, s => s.FindingOwnerOptionsAsync())).Select(p => p.UserId));

        // Another hospital's CISO cannot hand our finding even to one of its own members, nor ours to theirs.
        Assert.False((await world.AsHospitalAsync(other.Ciso, s => s.AssignFindingOwnerAsync(owned, other.Dpo.Id, view.ConcurrencyToken))).Succeeded);
        Assert.False((await world.AsHospitalAsync(ciso, s => s.AssignFindingOwnerAsync(owned, other.Dpo.Id, view.ConcurrencyToken))).Succeeded);

        // The CISO hands it over; a stale token is refused; then back to nobody.
        Assert.True((await world.AsHospitalAsync(ciso, s => s.AssignFindingOwnerAsync(owned, world.Hospital.Dpo.Id, view.ConcurrencyToken))).Succeeded);
        Assert.False((await world.AsHospitalAsync(ciso, s => s.AssignFindingOwnerAsync(owned, admin.Id, view.ConcurrencyToken))).Succeeded);
        var moved = (await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings.Single(f => f.Id == owned);
        Assert.Equal(world.Hospital.Dpo.Id, moved.OwnerUserId);

        // The hand-over is in the hospital's history (who and when), not in the vendor's.
        var history = (await world.AsAsync(world.Hospital.Auditor, sp => sp.GetRequiredService<AssessmentHistoryService>().ForHospitalAsync(id)))!.Entries;
        var handed = Assert.Single(history, e => e.Text == "Owner of finding Logs kept 30 days changed");
        Assert.Equal(CriticalFindingDraftTests.NameOf(ciso), handed.Actor);
        var vendorHistory = (await world.AsAsync(world.VendorAdmin, sp => sp.GetRequiredService<AssessmentHistoryService>().ForVendorAsync(id)))!.Entries;
        Assert.DoesNotContain(vendorHistory, e => e.Text.Contains("Owner of", StringComparison.Ordinal));

        // "Mine": the owner's own findings; the assessment owner also follows those without owner (and the draft).
        async Task<List<Guid>> MineAsync(TestUser user) =>
            (await world.AsHospitalAsync(user, s => s.FindingsAsync(new FindingQuery { MineOnly = true }))).Rows.Select(r => r.Finding.Id).ToList();
        Assert.Equal([owned], await MineAsync(world.Hospital.Dpo));
        Assert.Equal(new[] { draft.Id, unowned }.Order(), (await MineAsync(world.Hospital.Procurement)).Order());
        Assert.Empty(await MineAsync(ciso));
        Assert.Empty(await MineAsync(other.Dpo));
        var registerRow = (await world.AsHospitalAsync(ciso, s => s.FindingsAsync(new FindingQuery()))).Rows.Single(r => r.Finding.Id == owned);
        Assert.Equal("Notes", registerRow.Finding.Questions.Single().Text!.En);
        Assert.Equal(CriticalFindingDraftTests.NameOf(world.Hospital.Dpo), registerRow.Finding.OwnerName);

        Assert.True((await world.AsHospitalAsync(ciso, s => s.AssignFindingOwnerAsync(owned, null, moved.ConcurrencyToken))).Succeeded);
        Assert.Empty(await MineAsync(world.Hospital.Dpo));
        Assert.Contains(owned, await MineAsync(world.Hospital.Procurement));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Finding_reminders_go_to_the_owner_else_to_the_assessment_owner(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        await CriticalFindingDraftTests.SubmitNoAsync(world, id);
        var due = new DateOnly(2080 + Random.Shared.Next(0, 9), 3, 10);
        var leaver = await world.App.CreateUserAsync(world.Hospital.Organisation, OrganisationRole.Auditor, "Paul Départ");
        await using (var db = CriticalFindingDraftTests.Context(world))
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            db.Findings.Add(new Finding(assessment, "Owned by the DPO", FindingSeverity.High, ["notes"], [], world.Hospital.Dpo.Id, due, DateTimeOffset.UtcNow));
            db.Findings.Add(new Finding(assessment, "Nobody chosen", FindingSeverity.High, ["notes"], [], null, due.AddDays(1), DateTimeOffset.UtcNow));
            db.Findings.Add(new Finding(assessment, "Owned by a leaver", FindingSeverity.High, ["notes"], [], leaver.Id, due.AddDays(1), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);

            // The leaver leaves the hospital: their finding falls back to the assessment's owner.
            db.Memberships.Remove(await db.Memberships.SingleAsync(m => m.UserId == leaver.Id, TestContext.Current.CancellationToken));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var clock = new FixedClock();
        async Task RunOnAsync(DateOnly day)
        {
            clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
            await using var scope = world.App.Services.CreateAsyncScope();
            await new AssessmentReminderJob(
                scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>(),
                new DiscardingEmailSender(),
                Options.Create(new EmailOptions()),
                scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>(),
                clock,
                NullLogger<AssessmentReminderJob>.Instance).RunOnceAsync(TestContext.Current.CancellationToken);
        }

        async Task<List<Notification>> NotificationsOfAsync(TestUser user)
        {
            await using var db = CriticalFindingDraftTests.Context(world);
            return (await db.Notifications.Where(n => n.UserId == user.Id).ToListAsync(TestContext.Current.CancellationToken)).OrderBy(n => n.CreatedAtUtc).ToList();
        }

        // Seven days before the DPO's finding: the DPO is told, not the assessment's owner.
        await RunOnAsync(due.AddDays(-7));
        var dpo = Assert.Single(await NotificationsOfAsync(world.Hospital.Dpo));
        Assert.Equal(("Notification_FindingDueSoon", "Owned by the DPO", $"/assessments/{id}#findings"), (dpo.MessageKey, dpo.Argument, dpo.Link));
        Assert.Empty(await NotificationsOfAsync(world.Hospital.Procurement));

        // The next day: the finding without owner and the leaver's go to the assessment's owner (one notification), never to the leaver.
        await RunOnAsync(due.AddDays(-6));
        var owner = Assert.Single(await NotificationsOfAsync(world.Hospital.Procurement));
        Assert.Equal(["Nobody chosen", "Owned by a leaver"], owner.Argument.Split(", ").Order());
        Assert.Equal("/findings?mine=true&overdue=false", owner.Link);
        Assert.Empty(await NotificationsOfAsync(leaver));
        Assert.Single(await NotificationsOfAsync(world.Hospital.Dpo));

        // Overdue: each on its own first overdue day, to the same people.
        await RunOnAsync(due.AddDays(1));
        Assert.Equal(["Notification_FindingDueSoon", "Notification_FindingOverdue"], (await NotificationsOfAsync(world.Hospital.Dpo)).Select(n => n.MessageKey));
        Assert.Single(await NotificationsOfAsync(world.Hospital.Procurement));
        await RunOnAsync(due.AddDays(2));
        var overdue = (await NotificationsOfAsync(world.Hospital.Procurement)).Last();
        Assert.Equal(("Notification_FindingOverdue", "/findings?mine=true&overdue=true"), (overdue.MessageKey, overdue.Link));
        Assert.Equal(2, (await NotificationsOfAsync(world.Hospital.Dpo)).Count);
        Assert.Empty(await NotificationsOfAsync(leaver));
    }

    private sealed class FixedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class DiscardingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
