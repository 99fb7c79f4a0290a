using System.Diagnostics.CodeAnalysis;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Organisations;

/// <summary>
/// A tenant: a hospital (or hospital group) that assesses its vendors, or a vendor that answers
/// the hospitals' questionnaires.
/// </summary>
[TenantExempt("An organisation is the tenant itself; users read only the organisations they are members of.")]
public sealed class Organisation
{
    public const int NameMaxLength = 200;

    private Organisation()
    {
        Name = string.Empty;
    }

    public Organisation(string name, OrganisationKind kind, DateTimeOffset createdAtUtc)
    {
        Rename(name);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown organisation kind.");
        }

        Kind = kind;
        CreatedAtUtc = createdAtUtc.ToUniversalTime();
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string Name { get; private set; }

    public OrganisationKind Kind { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    /// <summary>
    /// Tenant policy: Administrators and CISOs must sign in with a passkey (phishing-resistant);
    /// a password and an authenticator code are then not enough for those roles.
    /// </summary>
    public bool RequirePasskeyForPrivilegedRoles { get; private set; }

    /// <summary>Turns the passkey policy on or off; returns whether it changed.</summary>
    public bool SetPasskeyPolicy(bool required)
    {
        if (RequirePasskeyForPrivilegedRoles == required)
        {
            return false;
        }

        RequirePasskeyForPrivilegedRoles = required;
        return true;
    }

    [MemberNotNull(nameof(Name))]
    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Length > NameMaxLength)
        {
            throw new ArgumentException($"An organisation name has at most {NameMaxLength} characters.", nameof(name));
        }

        Name = trimmed;
    }
}
