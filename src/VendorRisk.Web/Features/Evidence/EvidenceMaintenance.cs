using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.Jobs;

namespace VendorRisk.Web.Features.Evidence;

/// <summary>
/// The vault's background work, one pass at a time: scan quarantined files again (the scanner was
/// down at upload), and send the 60/30/7-day and expired reminders once each. What was sent is in
/// the database (<see cref="EvidenceReminder"/>, unique per document, expiry date, band and
/// recipient), so a restart or a second node sends nothing twice.
/// </summary>
public sealed partial class EvidenceMaintenance(
    PlatformDbContextFactory contexts,
    EvidenceVault vault,
    IEmailSender email,
    IServiceScopeFactory scopes,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock,
    ILogger<EvidenceMaintenance> logger)
{
    private static readonly OrganisationRole[] VendorRecipients = [OrganisationRole.VendorAdmin];
    private static readonly OrganisationRole[] HospitalRecipients = [OrganisationRole.Administrator, OrganisationRole.Procurement, OrganisationRole.Ciso];

    public async Task<(int Scanned, int Reminders)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var scanned = await RescanPendingAsync(cancellationToken);
        var reminders = await SendRemindersAsync(cancellationToken);
        return (scanned, reminders);
    }

    public async Task<int> RescanPendingAsync(CancellationToken cancellationToken)
    {
        if (!vault.ScannerConfigured)
        {
            return 0;
        }

        await using var db = contexts.CreateSystemContext();
        var pending = await db.VaultVersions.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(v => v.ScanStatus == EvidenceScanStatus.Pending)
            .OrderBy(v => v.UploadedAtUtc)
            .Take(50)
            .ToListAsync(cancellationToken);
        var done = 0;
        foreach (var version in pending)
        {
            var verdict = await vault.RescanAsync(new StoredVersionRef(version.TenantId, version.StorageKey, version.DataKeySecret, version.Sha256), cancellationToken);
            if (verdict.Outcome == ScanOutcome.Failed)
            {
                LogScanFailed(logger, version.Id, verdict.Detail);
                continue;
            }

            version.RecordScan(verdict.Outcome == ScanOutcome.Clean ? EvidenceScanStatus.Clean : EvidenceScanStatus.Infected, verdict.Detail, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            done++;
            if (verdict.Outcome == ScanOutcome.Infected)
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SecurityEventRecorder>().RecordAsync(
                    SecurityEventKind.EvidenceMalwareFound,
                    organisationId: version.TenantId,
                    detail: $"Quarantined for good: {verdict.Detail} in evidence version {version.Id} ({version.OriginalFileName}).",
                    cancellationToken: cancellationToken);
            }
        }

        return done;
    }

    public async Task<int> SendRemindersAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var horizon = today.AddDays(60);
        await using var db = contexts.CreateSystemContext();
        var documents = await db.VaultDocuments.IgnoreQueryFilters([TenantModelConventions.FilterName]).AsNoTracking()
            .Where(d => d.ExpiresOn != null && d.ExpiresOn <= horizon)
            .Select(d => new { d.Id, d.TenantId, d.Title, d.ExpiresOn, d.EngagementId })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var document in documents)
        {
            var band = ExpiryBands.For(document.ExpiresOn, today);
            if (band == ExpiryBand.None)
            {
                continue;
            }

            // The owner (vendor, or hospital for its engagement documents), and every hospital
            // the document is shared with.
            List<(Guid Organisation, OrganisationRole[] Roles)> recipients = [(document.TenantId, document.EngagementId is null ? VendorRecipients : HospitalRecipients)];
            var hospitals = await db.EvidenceShares.IgnoreQueryFilters([TenantModelConventions.FilterName])
                .Where(s => s.DocumentId == document.Id && s.RevokedAtUtc == null)
                .Select(s => s.HospitalOrganisationId)
                .Distinct()
                .ToListAsync(cancellationToken);
            recipients.AddRange(hospitals.Select(h => (h, HospitalRecipients)));

            foreach (var (organisation, roles) in recipients)
            {
                var already = await db.EvidenceReminders.IgnoreQueryFilters([TenantModelConventions.FilterName])
                    .AnyAsync(r => r.DocumentId == document.Id && r.ExpiresOn == document.ExpiresOn!.Value && r.Band == band && r.RecipientOrganisationId == organisation, cancellationToken);
                if (already)
                {
                    continue;
                }

                // Claim the reminder first: the unique index lets one node win.
                db.EvidenceReminders.Add(new EvidenceReminder(document.TenantId, document.Id, document.ExpiresOn!.Value, band, organisation, clock.GetUtcNow()));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    continue;
                }

                var addresses = await (from m in db.Memberships.IgnoreQueryFilters([TenantModelConventions.FilterName])
                                       join u in db.Users on m.UserId equals u.Id
                                       where m.TenantId == organisation && roles.Contains(m.Role) && u.IsActive && u.Email != null
                                       select u.Email!)
                    .Distinct()
                    .ToListAsync(cancellationToken);
                var subject = band == ExpiryBand.Expired
                    ? l["Evidence_Reminder_SubjectExpired", document.Title]
                    : l["Evidence_Reminder_Subject", document.Title, (int)band];
                var body = l["Evidence_Reminder_Body", document.Title, document.ExpiresOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                foreach (var address in addresses)
                {
                    try
                    {
                        await email.SendAsync(new EmailMessage(address, subject, body, $"<p>{WebUtility.HtmlEncode(body)}</p>"), cancellationToken);
                        sent++;
                    }
                    catch (Exception ex) when (ex is IOException or InvalidOperationException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException)
                    {
                        LogReminderFailed(logger, ex, document.Id);
                    }
                }
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence version {VersionId} could not be scanned yet: {Detail}")]
    private static partial void LogScanFailed(ILogger logger, Guid versionId, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An expiry reminder for evidence document {DocumentId} could not be sent")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, Guid documentId);
}

/// <summary>Runs <see cref="EvidenceMaintenance"/> at start and every <c>Evidence:BackgroundInterval</c> (on the injected clock), unless <c>Evidence:BackgroundEnabled</c> is false.</summary>
public sealed class EvidenceBackgroundService(IServiceScopeFactory scopes, EvidenceOptions options, TimeProvider clock, ILogger<EvidenceBackgroundService> logger)
    : PeriodicJobService<EvidenceMaintenance>(scopes, clock, logger)
{
    protected override TimeSpan Period => options.BackgroundInterval;

    protected override bool Enabled => options.BackgroundEnabled;

    protected override Task RunAsync(EvidenceMaintenance job, CancellationToken cancellationToken) => job.RunOnceAsync(cancellationToken);
}
