namespace VendorRisk.Domain.Tenancy;

/// <summary>Base class for tenant-owned entities: an id and the owning organisation.</summary>
public abstract class TenantOwnedEntity : ITenantOwned
{
    public Guid Id { get; protected set; } = Guid.NewGuid();

    public Guid TenantId { get; private set; }

    public void AssignTenant(Guid tenantId) => TenantId = TenantGuard.Assign(TenantId, tenantId);
}
