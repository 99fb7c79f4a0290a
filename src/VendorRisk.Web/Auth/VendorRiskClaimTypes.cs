using System.Security.Claims;
using VendorRisk.Domain.Organisations;

namespace VendorRisk.Web.Auth;

/// <summary>The claims that say which organisation a user acts for, and with which role.</summary>
public static class VendorRiskClaimTypes
{
    public const string OrganisationId = "vr:org";
    public const string OrganisationName = "vr:org_name";
    public const string OrganisationKind = "vr:org_kind";
    public const string Role = "vr:role";
    public const string DisplayName = "vr:name";

    /// <summary>A random id per sign-in, kept across security-stamp refreshes: binds a step-up proof to the session that made it.</summary>
    public const string Session = "vr:sid";

    /// <summary>"true" when the current organisation's policy requires this user's role to sign in with a passkey.</summary>
    public const string PasskeyRequired = "vr:passkey_required";
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? GetOrganisationId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(VendorRiskClaimTypes.OrganisationId), out var id) ? id : null;

    public static OrganisationRole? GetOrganisationRole(this ClaimsPrincipal principal) =>
        Enum.TryParse<OrganisationRole>(principal?.FindFirstValue(VendorRiskClaimTypes.Role), out var role) && Enum.IsDefined(role) ? role : null;

    public static OrganisationKind? GetOrganisationKind(this ClaimsPrincipal principal) =>
        Enum.TryParse<OrganisationKind>(principal?.FindFirstValue(VendorRiskClaimTypes.OrganisationKind), out var kind) && Enum.IsDefined(kind) ? kind : null;

    public static string? GetSessionId(this ClaimsPrincipal principal) =>
        principal?.FindFirstValue(VendorRiskClaimTypes.Session);

    public static string GetDisplayName(this ClaimsPrincipal principal) =>
        principal?.FindFirstValue(VendorRiskClaimTypes.DisplayName) ?? principal?.Identity?.Name ?? string.Empty;
}
