namespace VendorRisk.Domain.Tenancy;

/// <summary>
/// The tenant marker. Every entity that belongs to one organisation (a hospital or a vendor)
/// implements it; the persistence layer then filters every query by the current organisation and
/// stamps the organisation on new rows, so forgetting a <c>Where</c> clause cannot leak another
/// tenant's data.
/// </summary>
/// <remarks>
/// An entity that is deliberately not tenant-owned must say so explicitly (see
/// <c>TenantExemptAttribute</c>); an architecture test fails when an entity has neither.
/// </remarks>
public interface ITenantOwned
{
    /// <summary>The organisation that owns this record. Set once, never changed.</summary>
    Guid TenantId { get; }

    /// <summary>
    /// Assigns the owning organisation. Called by the persistence layer when the record is first
    /// saved; see <see cref="TenantGuard"/> for the rules.
    /// </summary>
    void AssignTenant(Guid tenantId);
}
