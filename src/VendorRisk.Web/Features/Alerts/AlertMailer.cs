using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Features.Jobs;

namespace VendorRisk.Web.Features.Alerts;

/// <summary>The <c>Alerts</c> settings.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>How often new alerts are e-mailed; well under the one minute promised.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An API client used from an address not seen for it in this many days raises an alert (30 by default).</summary>
    public int ApiClientAddressMemoryDays { get; set; } = 30;
}

/// <summary>
/// E-mails every alert not yet sent to the CISOs and Administrators of its organisation, then marks
/// it e-mailed (a record change, so in the audit log). A failed send is retried at the next run:
/// what was sent is in the database, so a restart sends nothing twice.
/// </summary>
public sealed class AlertDispatchJob(
    PlatformDbContextFactory contexts,
    IEmailSender email,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    /// <summary>Sends what is pending; returns how many alerts were e-mailed.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateSystemContext();
        var pending = await db.SecurityAlerts.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(a => a.EmailedAtUtc == null)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var alert in pending)
        {
            var recipients = await (
                    from m in db.Memberships.IgnoreQueryFilters([TenantModelConventions.FilterName])
                    join u in db.Set<ApplicationUser>() on m.UserId equals u.Id
                    where m.TenantId == alert.TenantId && (m.Role == OrganisationRole.Ciso || m.Role == OrganisationRole.Administrator) && u.IsActive && u.Email != null
                    select u.Email!)
                .Distinct()
                .ToListAsync(cancellationToken);
            var organisation = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == alert.TenantId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
            var culture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            try
            {
                var subject = localizer["Alert_MailSubject", organisation ?? string.Empty, localizer[$"Alert_Kind_{alert.Kind}"]].Value;
                var body = localizer["Alert_MailBody", alert.SubjectName ?? string.Empty, alert.RaisedAtUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), alert.Detail ?? string.Empty].Value;
                foreach (var to in recipients)
                {
                    await email.SendAsync(new EmailMessage(to, subject, body + "\n", $"<p>{WebUtility.HtmlEncode(body)}</p>"), cancellationToken);
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = culture;
            }

            alert.MarkEmailed(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            sent++;
        }

        return sent;
    }
}

/// <summary>Runs <see cref="AlertDispatchJob"/> at start and every <c>Alerts:DispatchInterval</c> (on the injected clock).</summary>
public sealed class AlertMailer(
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<AlertOptions> options,
    TimeProvider clock,
    ILogger<AlertMailer> logger) : PeriodicJobService<AlertDispatchJob>(scopes, clock, logger)
{
    protected override TimeSpan Period => options.Value.DispatchInterval;

    protected override Task RunAsync(AlertDispatchJob job, CancellationToken cancellationToken) => job.DispatchAsync(cancellationToken);
}
