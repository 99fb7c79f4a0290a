using System.Diagnostics.CodeAnalysis;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Vendors;

/// <summary>What a vendor sells: an EPR suite, a PACS, a laboratory system…</summary>
public sealed class Product : TenantOwnedEntity
{
    public const int NameMaxLength = 200;

    private Product()
    {
        Name = string.Empty;
    }

    public Product(Vendor vendor, string name, ProductCategory category)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        vendor.EnsureNotArchived();
        AssignTenant(vendor.TenantId);
        VendorId = vendor.Id;
        Rename(name);
        ChangeCategory(category);
    }

    public Guid VendorId { get; private set; }

    public string Name { get; private set; }

    public ProductCategory Category { get; private set; }

    [MemberNotNull(nameof(Name))]
    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Length > NameMaxLength)
        {
            throw new ArgumentException($"A product name has at most {NameMaxLength} characters.", nameof(name));
        }

        Name = trimmed;
    }

    public void ChangeCategory(ProductCategory category)
    {
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown product category.");
        }

        Category = category;
    }
}
