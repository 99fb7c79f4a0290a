using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web;
using VendorRisk.Web.Features.Assessments;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>The reminder job on a fake clock: schedule days, one message a day per person, state kept in the database across runs (as across restarts).</summary>
[Collection(SharedApps.Name)]
public sealed class AssessmentReminderTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Reminders_follow_the_schedule_once_a_day_per_person(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);

        // Far in the future so that no other test's assessment shares these days.
        var due = new DateTime(2090 + Random.Shared.Next(0, 9), 3, 15, 0, 0, 0, DateTimeKind.Utc);
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var id = await world.LaunchAsync(due);

        // A second assessment for the same respondents, due the same day: still one e-mail each, listing both.
        await world.LaunchAsync(due);

        var mail = new CapturingEmailSender();
        var emails = new[] { world.VendorAdmin.Email, world.VendorColleague.Email };
        async Task<List<EmailMessage>> RunOnAsync(DateTime day)
        {
            clock.Now = new DateTimeOffset(day.AddHours(6));
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
        Assert.Contains("https://vendorrisk.example/portal", seven[0].TextBody, StringComparison.Ordinal);
        Assert.Equal(2, seven[0].TextBody.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));

        // The same day again (a restart, a second node): nothing more.
        Assert.Empty(await RunOnAsync(due.AddDays(-7).AddHours(5)));
        Assert.Empty(await RunOnAsync(due.AddDays(-6)));
        Assert.Equal(2, (await RunOnAsync(due.AddDays(-3))).Count);
        Assert.Equal(2, (await RunOnAsync(due.AddDays(-1))).Count);
        Assert.Empty(await RunOnAsync(due));
        Assert.Equal(2, (await RunOnAsync(due.AddDays(1))).Count);
        Assert.Empty(await RunOnAsync(due.AddDays(2)));
        Assert.Equal(2, (await RunOnAsync(due.AddDays(8))).Count);

        // The owner is notified in the app, once a day.
        await using var check = Context(world);
        var notifications = await check.Notifications.Where(n => n.UserId == world.Hospital.Procurement.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, notifications.Count);
        Assert.Contains(notifications, n => n.MessageKey == "Notification_AssessmentOverdue");
        Assert.NotEqual(Guid.Empty, id);
    }

    private static VendorRiskDbContext Context(AssessmentWorld world) =>
        new PlatformDbContextFactory(world.App.Services.GetRequiredService<DbContextOptions<VendorRiskDbContext>>()).CreateForTenant(world.Hospital.Organisation.Id);

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
