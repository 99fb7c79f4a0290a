using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Alerts;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Evidence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Tests.Evidence;
using VendorRisk.Web.Features.Alerts;
using VendorRisk.Web.Features.Evidence;
using static VendorRisk.IntegrationTests.Evidence.EvidenceTestData;

namespace VendorRisk.IntegrationTests.Jobs;

/// <summary>
/// The alert mailer and the evidence maintenance on the shared periodic-job host, on a fake clock:
/// a run at start and one per interval (the clock stamps prove which tick did the work), nothing
/// sent twice by a restarted service (the state is in the database), and evidence maintenance off
/// when disabled.
/// </summary>
public sealed class PeriodicJobTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Alerts_are_mailed_on_the_dispatch_interval_and_once_across_a_restart(DatabaseProvider provider)
    {
        var interval = TimeSpan.FromMinutes(5);
        var start = WholeSecondNow();
        var clock = new FakeTimeProvider(start);
        var mail = new CapturingEmailSender();
        await using var app = await VendorRiskAppFactory.StartAsync(
            provider,
            configureServices: s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IEmailSender>(mail),
            settings: new Dictionary<string, string> { ["Alerts:DispatchInterval"] = "00:05:00" });
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);

        // Sent at the first tick (or by the run at start, if that one was still to come).
        var first = await RaiseAsync(app, hospital, SecurityAlertKind.ExportRefused);
        clock.Advance(interval);
        await EventuallyAsync(async () => await EmailedAtAsync(app, first) is not null);

        // Raised between two ticks: nothing before the next tick, which stamps it with its time.
        var second = await RaiseAsync(app, hospital, SecurityAlertKind.ExportAboveBaseline);
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        Assert.Null(await EmailedAtAsync(app, second));
        clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(async () => await EmailedAtAsync(app, second) is not null);
        Assert.Equal(start + (2 * interval), await EmailedAtAsync(app, second));

        // A restarted mailer (a new service, same database) runs at start: it mails the new alert only.
        var third = await RaiseAsync(app, hospital, SecurityAlertKind.FailedMfaCodes);
        using var restarted = ActivatorUtilities.CreateInstance<AlertMailer>(app.Services);
        await restarted.StartAsync(Ct);
        await EventuallyAsync(async () => await EmailedAtAsync(app, third) is not null);
        await restarted.StopAsync(Ct);
        Assert.Equal(start + (2 * interval), await EmailedAtAsync(app, third));
        Assert.Equal(3, mail.To(ciso.Email));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Evidence_maintenance_runs_every_interval_sends_each_reminder_once_across_a_restart_and_can_be_off(DatabaseProvider provider)
    {
        var interval = TimeSpan.FromMinutes(15);
        var start = WholeSecondNow();
        var clock = new FakeTimeProvider(start);
        var mail = new CapturingEmailSender();
        await using var app = await VendorRiskAppFactory.StartAsync(
            provider,
            configureServices: s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IEmailSender>(mail),
            settings: new Dictionary<string, string> { ["Evidence:BackgroundInterval"] = "00:15:00" });
        var vendor = await VendorOrg.CreateAsync(app);
        var expires = start.UtcDateTime.Date.AddDays(5);

        var (first, _) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: Certificate("First", expires));
        clock.Advance(interval);
        await EventuallyAsync(async () => await ReminderSentAtAsync(app, first) is not null);

        var (second, _) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: Certificate("Second", expires));
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        Assert.Null(await ReminderSentAtAsync(app, second));
        clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(async () => await ReminderSentAtAsync(app, second) is not null);
        Assert.Equal(start + (2 * interval), await ReminderSentAtAsync(app, second));

        // A restarted service runs at start: the third document's reminder, nothing twice.
        var (third, _) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: Certificate("Third", expires));
        using (var restarted = ActivatorUtilities.CreateInstance<EvidenceBackgroundService>(app.Services))
        {
            await restarted.StartAsync(Ct);
            await EventuallyAsync(async () => await ReminderSentAtAsync(app, third) is not null);
            await restarted.StopAsync(Ct);
        }

        Assert.Equal(3, mail.To(vendor.Admin.Email));
        Assert.Equal(1, mail.Containing("First"));
        Assert.Equal(1, mail.Containing("Second"));

        // Off: the service ends at once and sends nothing more, whatever the clock does.
        var (fourth, _) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: Certificate("Fourth", expires));
        var options = app.Services.GetRequiredService<EvidenceOptions>();
        var off = new EvidenceOptions { BackgroundEnabled = false, BackgroundInterval = options.BackgroundInterval };
        using (var disabled = ActivatorUtilities.CreateInstance<EvidenceBackgroundService>(app.Services, off))
        {
            await disabled.StartAsync(Ct);
            // An enabled service never ends by itself: this wait would time out.
            await Assert.IsType<Task>(disabled.ExecuteTask, exactMatch: false).WaitAsync(Patience, Ct);
            await disabled.StopAsync(Ct);
        }

        Assert.Null(await ReminderSentAtAsync(app, fourth));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Evidence_expiry_reminders_are_not_emailed_to_deactivated_members(DatabaseProvider provider)
    {
        var mail = new CapturingEmailSender();
        await using var app = await VendorRiskAppFactory.StartAsync(
            provider,
            configureServices: s => s.AddSingleton<IEmailSender>(mail),
            settings: new Dictionary<string, string> { ["Evidence:BackgroundEnabled"] = "false" });
        var vendor = await VendorOrg.CreateAsync(app);
        var departed = await app.CreateUserAsync(vendor.Organisation, OrganisationRole.VendorAdmin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(departed.Id))!;
            user.IsActive = false;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: Certificate("Expires soon", DateTime.UtcNow.Date.AddDays(5)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EvidenceMaintenance>().SendRemindersAsync(Ct);
        }

        Assert.Equal(1, mail.To(vendor.Admin.Email));
        Assert.Equal(0, mail.To(departed.Email));
    }

    // Whole seconds, so that stamps read back from PostgreSQL (microseconds) compare equal.
    private static DateTimeOffset WholeSecondNow() =>
        new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static async Task<Guid> RaiseAsync(VendorRiskAppFactory app, Organisation hospital, SecurityAlertKind kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var alert = await scope.ServiceProvider.GetRequiredService<AlertRaiser>().RaiseAsync(hospital.Id, kind, null, "Test", "periodic job test", cancellationToken: Ct);
        return Assert.IsType<SecurityAlert>(alert).Id;
    }

    private static async Task<DateTimeOffset?> EmailedAtAsync(VendorRiskAppFactory app, Guid alertId)
    {
        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return await db.SecurityAlerts.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(a => a.Id == alertId).Select(a => a.EmailedAtUtc).SingleAsync(Ct);
    }

    private static async Task<DateTimeOffset?> ReminderSentAtAsync(VendorRiskAppFactory app, Guid documentId)
    {
        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var sent = await db.EvidenceReminders.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(r => r.DocumentId == documentId).Select(r => r.SentAtUtc).ToListAsync(Ct);
        return sent.Count == 0 ? null : Assert.Single(sent);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background job did not run in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        }
    }

    private sealed class CapturingEmailSender : IEmailSender
    {
        private readonly ConcurrentQueue<EmailMessage> _sent = new();

        public int To(string address) => _sent.Count(m => m.To == address);

        public int Containing(string text) => _sent.Count(m => m.Subject.Contains(text, StringComparison.Ordinal));

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            _sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
