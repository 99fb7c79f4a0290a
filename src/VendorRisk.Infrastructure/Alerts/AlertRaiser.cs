using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Alerts;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Alerts;

/// <summary>
/// Raises security alerts in a tenant. An alert of the same kind about the same user within
/// <c>quietPeriod</c> is not repeated, so a loop of refused exports makes one alert, not hundreds
/// (each refusal is still in the audit log). The alert row is a record change, so its creation is
/// audited; <c>AlertMailer</c> e-mails it to the tenant's CISOs and Administrators.
/// </summary>
public sealed class AlertRaiser(PlatformDbContextFactory contexts, TimeProvider clock)
{
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromHours(1);

    /// <summary>Returns the new alert, or null when an equal one was raised within the quiet period.</summary>
    public async Task<SecurityAlert?> RaiseAsync(
        Guid tenantId,
        SecurityAlertKind kind,
        string? subjectUserId,
        string? subjectName,
        string? detail,
        TimeSpan? quietPeriod = null,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var since = now - (quietPeriod ?? DefaultQuietPeriod);
        await using var db = contexts.CreateForTenant(tenantId);
        if (await db.SecurityAlerts.AnyAsync(a => a.Kind == kind && a.SubjectUserId == subjectUserId && a.RaisedAtUtc >= since, cancellationToken))
        {
            return null;
        }

        var alert = new SecurityAlert(kind, now, subjectUserId, subjectName, detail);
        db.SecurityAlerts.Add(alert);
        await db.SaveChangesAsync(cancellationToken);
        return alert;
    }
}
