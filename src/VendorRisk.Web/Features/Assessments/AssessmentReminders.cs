using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using VendorRisk.Domain.Assessments;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Features.Jobs;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>What one run of the reminder job did.</summary>
public sealed record ReminderRun(int EmailsSent, int NotificationsCreated, int Skipped, int Failed);

/// <summary>
/// Sends assessment and finding reminders (<see cref="ReminderSchedule"/>, the same days for a
/// finding's remediation due date as for an assessment's): one e-mail a day at most to each
/// respondent, listing every assessment and every confirmed, unresolved finding of their
/// assessments due for a reminder that day whichever hospital sent it, and
/// an in-app notification to each owner (also at most one a day): the assessment's owner for an
/// assessment; for a finding its own owner while a member of the hospital, else the assessment's
/// owner (ADR 0016). Its memory is the
/// <c>AssessmentReminders</c> table, whose unique (recipient, day) index is the claim: a person is
/// claimed before the message goes out, so a restart or a second node cannot repeat it; a send
/// that fails releases the claim and the next run tries again.
/// </summary>
/// <remarks>A platform job: it reads assessments of every hospital (tenant filter lifted on the
/// assessment, respondent and reminder sets only) and writes each record in its own tenant.</remarks>
public sealed partial class AssessmentReminderJob(
    PlatformDbContextFactory platform,
    IEmailSender email,
    IOptions<EmailOptions> emailOptions,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    ILogger<AssessmentReminderJob> logger)
{
    private static readonly string[] Filter = [TenantModelConventions.FilterName];

    public async Task<ReminderRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        List<Due> due;
        HashSet<string> alreadyToday;
        Dictionary<string, string> ownerEmails;
        await using (var db = platform.CreateSystemContext())
        {
            var open = await (
                    from a in db.Assessments.IgnoreQueryFilters(Filter)
                    join o in db.Organisations on a.TenantId equals o.Id
                    where a.Status == AssessmentStatus.Sent || a.Status == AssessmentStatus.InProgress || a.Status == AssessmentStatus.ChangesRequested
                    select new { a.Id, a.TenantId, a.Title, a.DueOn, a.OwnerUserId, Hospital = o.Name })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            var dueFindings = await (
                    from f in db.Findings.IgnoreQueryFilters(Filter)
                    join a in db.Assessments.IgnoreQueryFilters(Filter) on f.AssessmentId equals a.Id
                    join o in db.Organisations on a.TenantId equals o.Id
                    where !f.IsDraft && f.DiscardedAtUtc == null
                        && (f.Status == FindingStatus.Open || f.Status == FindingStatus.PlanProposed || f.Status == FindingStatus.InRemediation)
                        && a.Status != AssessmentStatus.Cancelled
                    select new { f.Id, a.TenantId, AssessmentId = a.Id, f.Title, f.DueOn, FindingOwner = f.OwnerUserId, AssessmentOwner = a.OwnerUserId, Hospital = o.Name })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            var ids = open.Where(a => ReminderSchedule.For(a.DueOn, today) is not null).Select(a => a.Id).ToList();
            var findingsDue = dueFindings.Where(f => ReminderSchedule.For(f.DueOn, today) is not null).ToList();

            // A finding's owner is reminded while a member of its hospital; else (nobody chosen, or gone) the assessment's owner (ADR 0016).
            var findingOwnerIds = findingsDue.Where(f => f.FindingOwner != null).Select(f => f.FindingOwner!).Distinct().ToList();
            var ownerMemberships = (await db.Memberships.IgnoreQueryFilters(Filter).AsNoTracking()
                    .Where(m => findingOwnerIds.Contains(m.UserId))
                    .Select(m => new { m.TenantId, m.UserId })
                    .ToListAsync(cancellationToken))
                .Select(m => (m.TenantId, m.UserId))
                .ToHashSet();
            var respondentIds = ids.Concat(findingsDue.Select(f => f.AssessmentId)).Distinct().ToList();
            var respondents = await db.AssessmentRespondents.IgnoreQueryFilters(Filter).AsNoTracking()
                .Where(r => respondentIds.Contains(r.AssessmentId))
                .Select(r => new { r.AssessmentId, r.Email })
                .ToListAsync(cancellationToken);
            due = open.Where(a => ids.Contains(a.Id))
                .Select(a => new Due(a.Id, a.TenantId, a.Title, a.Hospital, a.DueOn, a.OwnerUserId, ReminderSchedule.For(a.DueOn, today)!.Value,
                    respondents.Where(r => r.AssessmentId == a.Id).Select(r => r.Email).ToList()))
                .Concat(findingsDue.Select(f => new Due(f.AssessmentId, f.TenantId, f.Title, f.Hospital, f.DueOn,
                    f.FindingOwner is { } owner && ownerMemberships.Contains((f.TenantId, owner)) ? owner : f.AssessmentOwner,
                    ReminderSchedule.For(f.DueOn, today)!.Value,
                    respondents.Where(r => r.AssessmentId == f.AssessmentId).Select(r => r.Email).ToList(), IsFinding: true)))
                .ToList();
            alreadyToday = (await db.ReminderLogs.IgnoreQueryFilters(Filter).AsNoTracking().Where(r => r.SentOn == today).Select(r => r.Recipient).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var ownerIds = due.Select(d => d.OwnerUserId).Distinct().ToList();
            ownerEmails = await db.Users.Where(u => ownerIds.Contains(u.Id) && u.Email != null).ToDictionaryAsync(u => u.Id, u => u.Email!.ToLowerInvariant(), cancellationToken);
        }

        int sent = 0, notified = 0, skipped = 0, failed = 0;
        foreach (var group in due.SelectMany(d => d.Respondents.Select(r => (Recipient: r.ToLowerInvariant(), Due: d))).GroupBy(x => x.Recipient, StringComparer.Ordinal))
        {
            var items = group.Select(x => x.Due).OrderBy(d => d.DueOn).ToList();
            if (!ReminderSchedule.MaySendTo(alreadyToday.Contains(group.Key) ? today : null, today) || !await ClaimAsync(items[0], group.Key, today, now, cancellationToken))
            {
                skipped++;
                continue;
            }

            alreadyToday.Add(group.Key);
            try
            {
                await email.SendAsync(Message(group.Key, items, today), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Security.AuthenticationException)
            {
                LogSendFailed(logger, ex);
                await ReleaseAsync(group.Key, today, cancellationToken);
                failed++;
            }
        }

        foreach (var group in due.GroupBy(d => d.OwnerUserId, StringComparer.Ordinal))
        {
            if (!ownerEmails.TryGetValue(group.Key, out var ownerEmail) || alreadyToday.Contains(ownerEmail))
            {
                skipped++;
                continue;
            }

            var first = group.OrderByDescending(d => d.Kind == ReminderKind.Overdue).ThenBy(d => d.DueOn).First();
            if (!await ClaimAsync(first, ownerEmail, today, now, cancellationToken))
            {
                skipped++;
                continue;
            }

            alreadyToday.Add(ownerEmail);
            await using var db = platform.CreateSystemContext();
            var argument = string.Join(", ", group.Select(d => d.Title));
            db.Notifications.Add(new Notification(
                first.TenantId,
                group.Key,
                (first.IsFinding, first.Kind == ReminderKind.Overdue) switch
                {
                    (true, true) => "Notification_FindingOverdue",
                    (true, false) => "Notification_FindingDueSoon",
                    (false, true) => "Notification_AssessmentOverdue",
                    _ => "Notification_AssessmentDueSoon",
                },
                argument.Length > 500 ? argument[..500] : argument,
                group.Count() == 1 ? $"/assessments/{first.Id}{(first.IsFinding ? "#findings" : string.Empty)}" : group.All(d => d.IsFinding) ? "/findings?mine=true&overdue=" + (first.Kind == ReminderKind.Overdue ? "true" : "false") : "/assessments",
                now));
            await db.SaveChangesAsync(cancellationToken);
            notified++;
        }

        return new ReminderRun(sent, notified, skipped, failed);
    }

    private async Task<bool> ClaimAsync(Due item, string recipient, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = platform.CreateSystemContext();
        db.ReminderLogs.Add(new ReminderLog(item.TenantId, item.Id, recipient, item.Kind, today, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node or run claimed this person today.
            return false;
        }
    }

    private async Task ReleaseAsync(string recipient, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = platform.CreateSystemContext();
        var claim = await db.ReminderLogs.IgnoreQueryFilters(Filter).SingleOrDefaultAsync(r => r.Recipient == recipient && r.SentOn == today, cancellationToken);
        if (claim is not null)
        {
            db.ReminderLogs.Remove(claim);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private EmailMessage Message(string recipient, List<Due> items, DateOnly today)
    {
        var root = emailOptions.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : string.Empty;
        var link = $"{root}/portal";
        var lines = items.Select(d => (d.IsFinding, d.DueOn < today) switch
        {
            (true, true) => l["Reminder_MailLineFindingOverdue", d.Title, d.Hospital, d.DueOn.ToString("d", CultureInfo.CurrentCulture)].Value,
            (true, false) => l["Reminder_MailLineFinding", d.Title, d.Hospital, d.DueOn.ToString("d", CultureInfo.CurrentCulture)].Value,
            (false, true) => l["Reminder_MailLineOverdue", d.Title, d.Hospital, d.DueOn.ToString("d", CultureInfo.CurrentCulture)].Value,
            _ => l["Reminder_MailLine", d.Title, d.Hospital, d.DueOn.ToString("d", CultureInfo.CurrentCulture)].Value,
        }).ToList();
        var text = $"{l["Reminder_MailIntro"]}\n\n{string.Join("\n", lines.Select(x => $"- {x}"))}\n\n{l["Reminder_MailOpen", link]}\n";
        var html = $"<p>{Encode(l["Reminder_MailIntro"])}</p><ul>{string.Concat(lines.Select(x => $"<li>{Encode(x)}</li>"))}</ul><p>{Encode(l["Reminder_MailOpen", string.Empty])}<a href=\"{Encode(link)}\">{Encode(link)}</a></p>";
        return new EmailMessage(recipient, l["Reminder_MailSubject"], text, html);
    }

    private static string Encode(string value) => System.Net.WebUtility.HtmlEncode(value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An assessment reminder could not be sent; it will be retried on the next run.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);

    /// <summary>An assessment, or a finding (<paramref name="IsFinding"/>, then <paramref name="Id"/> is its assessment), due for a reminder today.</summary>
    private sealed record Due(Guid Id, Guid TenantId, string Title, string Hospital, DateOnly DueOn, string OwnerUserId, ReminderKind Kind, List<string> Respondents, bool IsFinding = false);
}

/// <summary>Runs <see cref="AssessmentReminderJob"/> every hour (its state is in the database, so a restart loses nothing). Off in the Testing environment unless Reminders:Enabled is true.</summary>
public sealed partial class AssessmentReminderService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, IHostEnvironment environment, ILogger<AssessmentReminderService> logger)
    : PeriodicJobService<AssessmentReminderJob>(scopes, clock, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override TimeSpan Period => Interval;

    protected override bool Enabled => configuration.GetValue<bool?>("Reminders:Enabled") ?? !environment.IsEnvironment("Testing");

    protected override async Task RunAsync(AssessmentReminderJob job, CancellationToken cancellationToken)
    {
        var run = await job.RunOnceAsync(cancellationToken);
        LogRun(logger, run.EmailsSent, run.NotificationsCreated, run.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Assessment and finding reminders: {Emails} e-mails, {Notifications} notifications, {Failed} failed.")]
    private static partial void LogRun(ILogger logger, int emails, int notifications, int failed);
}
