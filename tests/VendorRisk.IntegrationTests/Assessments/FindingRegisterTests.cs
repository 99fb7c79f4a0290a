using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VendorRisk.Domain.Assessments;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web;
using VendorRisk.Web.Features.Assessments;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>The findings register (filters, overdue flag, per role and tenant) and finding reminders on a fake clock.</summary>
[Collection(SharedApps.Name)]
public sealed class FindingRegisterTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_register_filters_by_status_severity_and_overdue_for_hospital_roles_only(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        await CriticalFindingDraftTests.SubmitNoAsync(world, id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Guid overdue, closed, later;
        await using (var db = CriticalFindingDraftTests.Context(world))
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            var late = new Finding(assessment, "Backups never tested", FindingSeverity.High, ["notes"], [], null, today.AddDays(-3), DateTimeOffset.UtcNow);
            var done = new Finding(assessment, "Shared admin account", FindingSeverity.High, ["notes"], [], null, today.AddDays(-3), DateTimeOffset.UtcNow);
            done.ProposePlan("Named accounts");
            done.AcceptPlan();
            done.VerifyClosed(DateTimeOffset.UtcNow);
            var future = new Finding(assessment, "Logs kept 30 days", FindingSeverity.Medium, ["notes"], [], null, today.AddDays(20), DateTimeOffset.UtcNow);
            db.Findings.AddRange(late, done, future);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            (overdue, closed, later) = (late.Id, done.Id, future.Id);
        }

        var draft = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!.Findings.Single(f => f.IsDraft).Id;
        async Task<List<Guid>> ListAsync(TestUser user, FindingQuery query) =>
            (await world.AsHospitalAsync(user, s => s.FindingsAsync(query))).Rows.Select(r => r.Finding.Id).ToList();

        var all = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.FindingsAsync(new FindingQuery()))).Rows;
        Assert.Equal([overdue, draft, later], all.Select(r => r.Finding.Id)); // overdue first, then the draft to triage, then by severity
        Assert.True(all[0].Finding.IsOverdue);
        Assert.False(all[1].Finding.IsOverdue);
        Assert.False(string.IsNullOrEmpty(all[0].VendorName));

        Assert.Equal([closed], await ListAsync(world.Hospital.Ciso, new FindingQuery(FindingStatus.VerifiedClosed)));
        Assert.Equal([draft], await ListAsync(world.Hospital.Ciso, new FindingQuery(DraftsOnly: true)));
        Assert.Equal([overdue], await ListAsync(world.Hospital.Ciso, new FindingQuery(OverdueOnly: true)));
        Assert.Equal([later], await ListAsync(world.Hospital.Ciso, new FindingQuery(Severity: FindingSeverity.Medium)));
        Assert.Equal([overdue], await ListAsync(world.Hospital.Ciso, new FindingQuery(FindingStatus.Open, FindingSeverity.High)));

        // Every hospital role reads the register; a vendor user and another hospital see nothing of it.
        foreach (var user in new[] { world.Hospital.Procurement, world.Hospital.Auditor, world.Hospital.Dpo })
        {
            Assert.Equal(3, (await ListAsync(user, new FindingQuery())).Count);
        }

        Assert.Empty(await ListAsync(world.VendorAdmin, new FindingQuery()));
        var other = await Hospital.CreateAsync(world.App);
        Assert.Empty(await ListAsync(other.Ciso, new FindingQuery()));
        Assert.Empty(await ListAsync(other.Ciso, new FindingQuery(FindingStatus.VerifiedClosed)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Findings_are_reminded_before_their_due_date_and_weekly_when_overdue_once_a_day_per_person(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();

        // Submitted: the assessment itself is no longer reminded, its findings are.
        await CriticalFindingDraftTests.SubmitNoAsync(world, id);
        var due = new DateOnly(2090 + Random.Shared.Next(0, 9), 6, 10);
        Guid findingId;
        await using (var db = CriticalFindingDraftTests.Context(world))
        {
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            var finding = new Finding(assessment, "Support accounts without MFA", FindingSeverity.High, ["mfa"], [], null, due, DateTimeOffset.UtcNow);
            db.Findings.Add(finding);

            // A draft due the same day is not reminded (nobody has confirmed it).
            db.Findings.Add(Finding.DraftFromCriticalAnswer(assessment, new CriticalFindingDraft("notes", "Draft only", FindingSeverity.Low, [], due), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            findingId = finding.Id;
        }

        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var mail = new CapturingEmailSender();
        var emails = new[] { world.VendorAdmin.Email, world.VendorColleague.Email };
        async Task<List<EmailMessage>> RunOnAsync(DateOnly day)
        {
            clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
            mail.Sent.Clear();
            await using var scope = world.App.Services.CreateAsyncScope();
            var job = new AssessmentReminderJob(
                scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>(),
                mail,
                Options.Create(new EmailOptions { PublicBaseUrl = "https://vendorrisk.example" }),
                scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>(),
                clock,
                NullLogger<AssessmentReminderJob>.Instance);
            await job.RunOnceAsync(TestContext.Current.CancellationToken);
            return mail.Sent.Where(m => emails.Contains(m.To)).ToList();
        }

        Assert.Empty(await RunOnAsync(due.AddDays(-8)));
        var seven = await RunOnAsync(due.AddDays(-7));
        Assert.Equal(emails.Order(), seven.Select(m => m.To).Order());
        Assert.Contains("Support accounts without MFA", seven[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft only", seven[0].TextBody, StringComparison.Ordinal);
        Assert.Empty(await RunOnAsync(due.AddDays(-7)));
        Assert.Empty(await RunOnAsync(due.AddDays(-5)));
        Assert.Equal(2, (await RunOnAsync(due.AddDays(-1))).Count);
        Assert.Equal(2, (await RunOnAsync(due.AddDays(1))).Count);
        Assert.Empty(await RunOnAsync(due.AddDays(2)));
        Assert.Equal(2, (await RunOnAsync(due.AddDays(8))).Count);

        // Closed findings stop being reminded.
        await using (var db = CriticalFindingDraftTests.Context(world))
        {
            var finding = await db.Findings.SingleAsync(f => f.Id == findingId, TestContext.Current.CancellationToken);
            finding.AcceptRisk("Compensating control", "CISO", due.AddDays(400), new DateTimeOffset(due.AddDays(9).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(await RunOnAsync(due.AddDays(15)));

        await using var check = CriticalFindingDraftTests.Context(world);
        var notifications = await check.Notifications.Where(n => n.UserId == world.Hospital.Procurement.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, notifications.Count);
        Assert.Equal(2, notifications.Count(n => n.MessageKey == "Notification_FindingOverdue"));
        Assert.All(notifications, n => Assert.Equal($"/assessments/{id}#findings", n.Link));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CapturingEmailSender : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
