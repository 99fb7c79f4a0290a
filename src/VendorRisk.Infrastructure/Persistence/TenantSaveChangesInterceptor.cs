using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VendorRisk.Domain.Audit;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>
/// Guards every write of a tenant-owned record: a new record without a tenant gets the current
/// organisation; any insert, update or delete of a record of another organisation is refused.
/// Trusted platform jobs (<see cref="Tenancy.ITenantContext.IsSystem"/>) may write any tenant but
/// must have set the tenant themselves.
/// </summary>
public sealed class TenantSaveChangesInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is not VendorRiskDbContext db)
        {
            return;
        }

        var tenant = db.Tenant;
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (tenant.IsSystem)
            {
                // The platform audit chain is the empty tenant on purpose: nobody acts for it.
                if (entry.Entity.TenantId == Guid.Empty && entry.Entity is not AuditEvent)
                {
                    throw new TenantViolationException(
                        $"A platform job saved a {entry.Metadata.ClrType.Name} without choosing its tenant.");
                }

                continue;
            }

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty && tenant.TenantId is { } current)
            {
                entry.Entity.AssignTenant(current);
            }

            // The tenant column is never updated in place, even by a caller of the right tenant.
            if (entry.State == EntityState.Modified && entry.Property(nameof(ITenantOwned.TenantId)).IsModified)
            {
                throw new TenantViolationException($"The tenant of a {entry.Metadata.ClrType.Name} cannot change.");
            }

            TenantGuard.EnsureCanWrite(entry.Entity.TenantId, tenant.TenantId);
        }
    }
}
