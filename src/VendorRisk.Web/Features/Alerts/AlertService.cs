using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Alerts;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Alerts;

/// <summary>The security alerts of the current organisation (policy <see cref="Policies.AlertsRead"/>), newest first.</summary>
public sealed class AlertService(IDbContextFactory<VendorRiskDbContext> contexts, CurrentUser currentUser, TimeProvider clock)
{
    public const int PageSize = 200;

    public async Task<IReadOnlyList<SecurityAlert>> ListAsync(bool includeAcknowledged, CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.SecurityAlerts.AsNoTracking();
        if (!includeAcknowledged)
        {
            query = query.Where(a => a.AcknowledgedAtUtc == null);
        }

        var alerts = await query.ToListAsync(cancellationToken);
        return alerts.OrderByDescending(a => a.RaisedAtUtc).Take(PageSize).ToList();
    }

    /// <summary>Acknowledges an alert of this organisation (audited as a record change); false when there is none with this id.</summary>
    public async Task<bool> AcknowledgeAsync(Guid alertId, CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.SecurityAlerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            return false;
        }

        var principal = currentUser.Principal;
        alert.Acknowledge(clock.GetUtcNow(), principal.FindFirstValue(ClaimTypes.NameIdentifier)!, principal.GetDisplayName());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private void Demand()
    {
        if (!currentUser.Principal.Allows(Policies.AlertsRead))
        {
            throw new UnauthorizedAccessException();
        }
    }
}
