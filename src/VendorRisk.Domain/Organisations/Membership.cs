using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Organisations;

/// <summary>
/// A user's membership of one organisation, with exactly one role there. A user may be a member
/// of several organisations; the membership belongs to the organisation (its tenant).
/// </summary>
public sealed class Membership : TenantOwnedEntity
{
    private Membership()
    {
        UserId = string.Empty;
    }

    public Membership(Organisation organisation, string userId, OrganisationRole role, DateTimeOffset createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureRoleFits(organisation.Kind, role);
        AssignTenant(organisation.Id);
        UserId = userId;
        Role = role;
        CreatedAtUtc = createdAtUtc.ToUniversalTime();
    }

    /// <summary>The identity user (ASP.NET Core Identity's key).</summary>
    public string UserId { get; private set; }

    public OrganisationRole Role { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public void ChangeRole(OrganisationKind organisationKind, OrganisationRole role)
    {
        EnsureRoleFits(organisationKind, role);
        Role = role;
    }

    private static void EnsureRoleFits(OrganisationKind kind, OrganisationRole role)
    {
        if (!OrganisationRoles.IsValidFor(kind, role))
        {
            throw new ArgumentException($"The role {role} cannot be held in a {kind} organisation.", nameof(role));
        }
    }
}
