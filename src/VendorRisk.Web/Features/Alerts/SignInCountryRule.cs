using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Alerts;
using VendorRisk.Infrastructure.Geolocation;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Alerts;

/// <summary>
/// "Sign-in from a new country for a privileged user": when a session starts from an address whose
/// country (<see cref="IIpGeolocation"/>) was never seen in the user's earlier sessions, and the user
/// is an Administrator or CISO somewhere, an alert is raised in each such organisation, once per
/// user and country. The first located sign-in has nothing to compare with and raises nothing.
/// Without a country database configured nothing is located and the rule is off.
/// </summary>
public sealed class SignInCountryRule(PlatformDbContextFactory contexts, AlertRaiser alerts, IIpGeolocation geolocation)
{
    private static readonly OrganisationRole[] Privileged = [OrganisationRole.Administrator, OrganisationRole.Ciso];

    public async Task OnSessionStartedAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (!geolocation.IsEnabled)
        {
            return;
        }

        await using var db = contexts.CreateSystemContext();
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session?.Country is not { } country)
        {
            return;
        }

        var earlier = await db.UserSessions
            .Where(s => s.UserId == session.UserId && s.Id != session.Id && s.Country != null)
            .Select(s => s.Country!)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (earlier.Count == 0 || earlier.Contains(country, StringComparer.Ordinal))
        {
            return;
        }

        var tenants = await db.Memberships.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(m => m.UserId == session.UserId && Privileged.Contains(m.Role))
            .Select(m => m.TenantId)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (tenants.Count == 0)
        {
            return;
        }

        var name = await db.Set<ApplicationUser>().Where(u => u.Id == session.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var detail = DetailFor(country, session.IpAddress);
        foreach (var tenant in tenants)
        {
            // Once per (user, country): an alert already raised for this country is not repeated,
            // even when two sign-ins from it start at the same time.
            await using var tenantDb = contexts.CreateForTenant(tenant);
            var prefix = country + " ";
            if (await tenantDb.SecurityAlerts.AnyAsync(a => a.Kind == SecurityAlertKind.NewCountryForPrivilegedUser && a.SubjectUserId == session.UserId && a.Detail!.StartsWith(prefix), cancellationToken))
            {
                continue;
            }

            await alerts.RaiseAsync(tenant, SecurityAlertKind.NewCountryForPrivilegedUser, session.UserId, name, detail, TimeSpan.Zero, cancellationToken);
        }
    }

    /// <summary>The alert's detail: the country first (the rule matches on it), then the address and the countries known so far.</summary>
    public static string DetailFor(string country, string? ipAddress) => $"{country} ({ipAddress})";
}
