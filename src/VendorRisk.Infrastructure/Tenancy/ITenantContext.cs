namespace VendorRisk.Infrastructure.Tenancy;

/// <summary>
/// Who the current unit of work acts for. The DbContext reads it to filter every tenant-owned
/// query and to guard every write.
/// </summary>
public interface ITenantContext
{
    /// <summary>The organisation the caller acts for; null when none (anonymous, no membership).</summary>
    Guid? TenantId { get; }

    /// <summary>
    /// True only for trusted platform jobs (migrations, demo data, background services) that
    /// write records of several tenants. It does not lift the read filter: those jobs still have
    /// to ask for <c>IgnoreQueryFilters</c> explicitly.
    /// </summary>
    bool IsSystem { get; }
}

/// <summary>A fixed tenant context: tests, background jobs working for one tenant.</summary>
public sealed class FixedTenantContext(Guid? tenantId, bool isSystem = false) : ITenantContext
{
    /// <summary>Platform jobs: may write any tenant's records, reads stay filtered.</summary>
    public static FixedTenantContext System { get; } = new(null, isSystem: true);

    /// <summary>No organisation: every tenant-owned query returns nothing and writes are refused.</summary>
    public static FixedTenantContext None { get; } = new(null);

    public Guid? TenantId { get; } = tenantId;

    public bool IsSystem { get; } = isSystem;
}
