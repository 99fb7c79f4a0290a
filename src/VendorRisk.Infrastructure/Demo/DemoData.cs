using VendorRisk.Domain.Organisations;

namespace VendorRisk.Infrastructure.Demo;

/// <summary>
/// The demo tenant loaded on first start in Development. The README lists these logins; keep the
/// two in step. Never loaded outside Development (see <see cref="DemoDataSeeder"/>).
/// </summary>
public static class DemoData
{
    /// <summary>The password of every demo account (Development only).</summary>
    public const string Password = "Demo-Hopital-2026!";

    public const string HospitalName = "CHU Demo";
    public const string EprVendorName = "Helios Dossier Patient";
    public const string LabVendorName = "BioLab Systèmes";

    /// <summary>Fictional SIRET numbers with a valid checksum.</summary>
    public const string EprVendorSiret = "85312467800014";
    public const string LabVendorSiret = "41298756300019";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin@chu-demo.example", "Alice Martin", HospitalName, OrganisationRole.Administrator, "BGX5LVK72HYECA6TVPRH6T56W7MI2JH5"),
        new("achats@chu-demo.example", "Bruno Petit", HospitalName, OrganisationRole.Procurement, "3XJ2CJTZWQEOECCJBYFVQKULUD45UABP"),
        new("rssi@chu-demo.example", "Chloé Bernard", HospitalName, OrganisationRole.Ciso, "S4A2CJ7UNKM6BJK6QIWXSLQB5LDYXPSP"),
        new("dpo@chu-demo.example", "David Moreau", HospitalName, OrganisationRole.Dpo, "IX22QVSWS4LQXRVFTPZRE6C5TPPNDK6L"),
        new("audit@chu-demo.example", "Emma Laurent", HospitalName, OrganisationRole.Auditor, "4TMSJQSPV3ZBKXBZ6JT3KLFXAJ3WH6MR"),
        new("securite@helios-dpi.example", "Farid Haddad", EprVendorName, OrganisationRole.VendorAdmin, "Z3DY34XGTZDEJVXBP2N5RL44XLNUZT7Q"),
        new("qualite@biolab-systemes.example", "Gaëlle Roux", LabVendorName, OrganisationRole.VendorAdmin, "UOJZPJBXAMIAHJZ2TFUD2575LVWLCR4H"),
        new("contributeur@biolab-systemes.example", "Hugo Lefèvre", LabVendorName, OrganisationRole.VendorContributor, "BDDII3BXCTBSS2GO4WN52HL3D2Q2SS5F"),
    ];

    public static IReadOnlyList<(string Name, OrganisationKind Kind)> Organisations { get; } =
    [
        (HospitalName, OrganisationKind.Hospital),
        (EprVendorName, OrganisationKind.Vendor),
        (LabVendorName, OrganisationKind.Vendor),
    ];
}

/// <summary>A demo login; <c>TotpSecret</c> is the Base32 authenticator key pre-enrolled for it (printed in the README, Development only).</summary>
public sealed record DemoAccount(string Email, string DisplayName, string OrganisationName, OrganisationRole Role, string TotpSecret);
