namespace VendorRisk.Domain.Organisations;

/// <summary>The role a user holds in one organisation (see product.md for what each may do).</summary>
public enum OrganisationRole
{
    Administrator = 1,
    Procurement = 2,
    Ciso = 3,
    Dpo = 4,
    Auditor = 5,
    VendorAdmin = 10,
    VendorContributor = 11,
}

/// <summary>Which roles exist on which side.</summary>
public static class OrganisationRoles
{
    public static IReadOnlyList<OrganisationRole> Hospital { get; } =
    [
        OrganisationRole.Administrator,
        OrganisationRole.Procurement,
        OrganisationRole.Ciso,
        OrganisationRole.Dpo,
        OrganisationRole.Auditor,
    ];

    public static IReadOnlyList<OrganisationRole> Vendor { get; } =
    [
        OrganisationRole.VendorAdmin,
        OrganisationRole.VendorContributor,
    ];

    /// <summary>The roles that may be held in an organisation of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<OrganisationRole> For(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Hospital => Hospital,
        OrganisationKind.Vendor => Vendor,
        _ => [],
    };

    public static bool IsValidFor(OrganisationKind kind, OrganisationRole role) => For(kind).Contains(role);

    /// <summary>
    /// Whether holding <paramref name="role"/> requires multi-factor authentication: every
    /// hospital role (they all read vendors' security gaps) and vendor administrators (they
    /// manage who answers for the vendor). Vendor contributors may enrol but are not forced to.
    /// </summary>
    public static bool RequiresMfa(OrganisationRole role) => role != OrganisationRole.VendorContributor;

    /// <summary>
    /// The roles the tenant passkey policy covers when it is on: the hospital's Administrators
    /// (who decide who sees what) and CISOs (who hold the security findings).
    /// </summary>
    public static bool CoveredByPasskeyPolicy(OrganisationRole role) =>
        role is OrganisationRole.Administrator or OrganisationRole.Ciso;

    /// <summary>The side a role belongs to.</summary>
    public static OrganisationKind SideOf(OrganisationRole role) =>
        Vendor.Contains(role) ? OrganisationKind.Vendor
        : Hospital.Contains(role) ? OrganisationKind.Hospital
        : throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
}
