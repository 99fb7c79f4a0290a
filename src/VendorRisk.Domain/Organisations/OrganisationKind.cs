namespace VendorRisk.Domain.Organisations;

/// <summary>Which side of the relationship an organisation is on.</summary>
public enum OrganisationKind
{
    Hospital = 1,
    Vendor = 2,
}
