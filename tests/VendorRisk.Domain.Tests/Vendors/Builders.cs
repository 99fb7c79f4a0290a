using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Tests.Vendors;

internal static class Builders
{
    public static readonly Guid Hospital = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    public static readonly Guid OtherHospital = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));
    public static readonly DateOnly Today = new(2026, 3, 2);

    public static Vendor Vendor(string name = "Helios Santé", Guid? tenant = null) =>
        new(tenant ?? Hospital, name, "DE", null, Now);

    public static Product Product(Vendor? vendor = null) =>
        new(vendor ?? Vendor(), "Helios EPR", ProductCategory.ElectronicPatientRecord);

    public static Engagement Engagement(
        DataCategories data = DataCategories.Contact,
        long records = 500,
        VendorAccess access = VendorAccess.None,
        HostingModel hosting = HostingModel.OnPremises,
        int downtimeHours = 168) =>
        new(Product(), "Dr Martin", new DateOnly(2025, 1, 1), hosting,
            hosting == HostingModel.HdsCertifiedHost ? "HDS-2024-0042" : null, data, records, access, downtimeHours);

    public static InherentRiskInput Input(
        DataCategories data = DataCategories.Contact,
        long records = 500,
        VendorAccess access = VendorAccess.None,
        HostingModel hosting = HostingModel.OnPremises,
        int downtimeHours = 168,
        int accounts = 0,
        int shared = 0,
        int withoutMfa = 0) =>
        new(data, records, access, hosting, downtimeHours, accounts, shared, withoutMfa);
}
