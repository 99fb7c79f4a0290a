using VendorRisk.Domain.Organisations;

namespace VendorRisk.Infrastructure.Demo;

/// <summary>
/// The demo tenant loaded on first start in Development. The README lists these logins; keep the
/// two in step. Never loaded outside Development (see <see cref="DemoDataSeeder"/>).
/// </summary>
public static class DemoData
{
    /// <summary>The password of every demo account (Development only).</summary>
    public const string Password = "Demo-VendorRisk-2026!";

    public const string HospitalName = "CHU Demo";
    public const string EprVendorName = "Helios Dossier Patient";
    public const string LabVendorName = "BioLab Systèmes";

    /// <summary>Fictional SIRET numbers with a valid checksum.</summary>
    public const string EprVendorSiret = "85312467800014";
    public const string LabVendorSiret = "41298756300019";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin@chu-demo.example", "Alice Martin", HospitalName, OrganisationRole.Administrator),
        new("achats@chu-demo.example", "Bruno Petit", HospitalName, OrganisationRole.Procurement),
        new("rssi@chu-demo.example", "Chloé Bernard", HospitalName, OrganisationRole.Ciso),
        new("dpo@chu-demo.example", "David Moreau", HospitalName, OrganisationRole.Dpo),
        new("audit@chu-demo.example", "Emma Laurent", HospitalName, OrganisationRole.Auditor),
        new("securite@helios-dpi.example", "Farid Haddad", EprVendorName, OrganisationRole.VendorAdmin),
        new("qualite@biolab-systemes.example", "Gaëlle Roux", LabVendorName, OrganisationRole.VendorAdmin),
    ];

    public static IReadOnlyList<(string Name, OrganisationKind Kind)> Organisations { get; } =
    [
        (HospitalName, OrganisationKind.Hospital),
        (EprVendorName, OrganisationKind.Vendor),
        (LabVendorName, OrganisationKind.Vendor),
    ];
}

public sealed record DemoAccount(string Email, string DisplayName, string OrganisationName, OrganisationRole Role);
