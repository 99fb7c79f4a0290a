using Microsoft.EntityFrameworkCore;
using VendorRisk.Infrastructure.Tenancy;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>
/// The one way to get a context that acts for the platform rather than for a signed-in user:
/// migrations, demo data and background jobs. Every use should be easy to find and justify.
/// </summary>
public sealed class PlatformDbContextFactory(DbContextOptions<VendorRiskDbContext> options)
{
    /// <summary>A context whose writes may target any tenant; reads stay tenant-filtered unless the caller ignores filters explicitly.</summary>
    public VendorRiskDbContext CreateSystemContext() => new(options, FixedTenantContext.System);

    /// <summary>A context acting for one organisation, for jobs that run outside a user's request.</summary>
    public VendorRiskDbContext CreateForTenant(Guid tenantId) => new(options, new FixedTenantContext(tenantId));
}
