using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Alerts;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Alerts;

/// <summary>
/// Alerts derived from account events, checked as each event is recorded: many wrong MFA codes
/// for one account, and a sign-in of a privileged user (Administrator, CISO) from a browser never
/// seen for them in the last 90 days. Raised in every organisation concerned.
/// </summary>
public sealed class SecurityAlertRules(PlatformDbContextFactory contexts, AlertRaiser alerts, TimeProvider clock)
{
    /// <summary>Wrong codes within <see cref="FailedMfaWindow"/> that raise an alert.</summary>
    public const int FailedMfaThreshold = 5;

    public static readonly TimeSpan FailedMfaWindow = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan DeviceMemory = TimeSpan.FromDays(90);

    private static readonly OrganisationRole[] Privileged = [OrganisationRole.Administrator, OrganisationRole.Ciso];

    public async Task OnRecordedAsync(SecurityEventKind kind, string? userId, string? userAgent, CancellationToken cancellationToken = default)
    {
        if (userId is null || kind is not (SecurityEventKind.MfaCodeRejected or SecurityEventKind.SignInSucceeded))
        {
            return;
        }

        await using var db = contexts.CreateSystemContext();
        var now = clock.GetUtcNow();
        var memberships = await db.Memberships.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(m => m.UserId == userId)
            .Select(m => new { m.TenantId, m.Role })
            .ToListAsync(cancellationToken);
        var name = await db.Set<ApplicationUser>().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);

        if (kind == SecurityEventKind.MfaCodeRejected)
        {
            var since = now - FailedMfaWindow;
            var failures = await db.SecurityEvents.CountAsync(e => e.UserId == userId && e.Kind == SecurityEventKind.MfaCodeRejected && e.OccurredAtUtc >= since, cancellationToken);
            if (failures >= FailedMfaThreshold)
            {
                foreach (var tenant in memberships.Select(m => m.TenantId).Distinct())
                {
                    await alerts.RaiseAsync(tenant, SecurityAlertKind.FailedMfaCodes, userId, name, $"{failures} wrong codes in {FailedMfaWindow.TotalMinutes:0} minutes", FailedMfaWindow, cancellationToken);
                }
            }

            return;
        }

        var privilegedIn = memberships.Where(m => Privileged.Contains(m.Role)).Select(m => m.TenantId).Distinct().ToList();
        if (privilegedIn.Count == 0)
        {
            return;
        }

        var from = now - DeviceMemory;
        var signIns = await db.SecurityEvents
            .Where(e => e.UserId == userId && e.Kind == SecurityEventKind.SignInSucceeded && e.OccurredAtUtc >= from)
            .Select(e => e.UserAgent)
            .ToListAsync(cancellationToken);

        // The first sign-in ever (an accepted invitation) has nothing to compare with.
        if (signIns.Count >= 2 && signIns.Count(ua => ua == userAgent) == 1)
        {
            foreach (var tenant in privilegedIn)
            {
                await alerts.RaiseAsync(tenant, SecurityAlertKind.NewDeviceForPrivilegedUser, userId, name, userAgent, TimeSpan.FromMinutes(1), cancellationToken);
            }
        }
    }
}
