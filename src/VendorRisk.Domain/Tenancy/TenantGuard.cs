namespace VendorRisk.Domain.Tenancy;

/// <summary>
/// The rules of the tenant marker, kept pure so they can be unit-tested: a record gets its tenant
/// once, never moves to another tenant, and may only be written by a user acting in that tenant.
/// </summary>
public static class TenantGuard
{
    /// <summary>Returns the tenant to store when <paramref name="requested"/> is assigned to a record that has <paramref name="current"/>.</summary>
    /// <exception cref="ArgumentException">The requested tenant is empty.</exception>
    /// <exception cref="TenantViolationException">The record already belongs to another tenant.</exception>
    public static Guid Assign(Guid current, Guid requested)
    {
        if (requested == Guid.Empty)
        {
            throw new ArgumentException("A tenant id cannot be empty.", nameof(requested));
        }

        if (current != Guid.Empty && current != requested)
        {
            throw new TenantViolationException(
                $"A record of tenant {current} cannot be moved to tenant {requested}.");
        }

        return requested;
    }

    /// <summary>
    /// Checks that a record of <paramref name="recordTenant"/> may be written by a caller acting
    /// for <paramref name="actingTenant"/> (null when no organisation is selected).
    /// </summary>
    /// <exception cref="TenantViolationException">The caller acts for no tenant or for another tenant.</exception>
    public static void EnsureCanWrite(Guid recordTenant, Guid? actingTenant)
    {
        if (actingTenant is null || actingTenant == Guid.Empty)
        {
            throw new TenantViolationException("A tenant-owned record cannot be written without a current organisation.");
        }

        if (recordTenant != Guid.Empty && recordTenant != actingTenant)
        {
            throw new TenantViolationException(
                $"A record of tenant {recordTenant} cannot be written while acting for tenant {actingTenant}.");
        }
    }
}
