namespace VendorRisk.Domain.Tenancy;

/// <summary>
/// The explicit opt-out from tenant filtering. An entity carrying this attribute is shared across
/// organisations (the organisations themselves, user accounts, global reference data) and the
/// <see cref="Reason"/> says why that is safe. Reviewers should question every new use.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TenantExemptAttribute : Attribute
{
    public TenantExemptAttribute(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Reason = reason;
    }

    /// <summary>Why this entity may be read and written without a tenant filter.</summary>
    public string Reason { get; }
}
