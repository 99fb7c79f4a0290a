using Microsoft.AspNetCore.Identity;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Infrastructure.Identity;

/// <summary>
/// A person who signs in to VendorRisk. Accounts are not tenant-owned: one person may belong to
/// several organisations (see <see cref="Domain.Organisations.Membership"/>), and what they see is
/// decided by the organisation they currently act for.
/// </summary>
[TenantExempt("A user account spans organisations; tenant data is reached only through memberships.")]
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 200;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The organisation the user last chose to act for; validated against memberships at every sign-in.</summary>
    public Guid? CurrentOrganisationId { get; set; }

    /// <summary>A deactivated user cannot sign in and loses live sessions.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAtUtc { get; set; }

    /// <summary>The last authenticator time step accepted: a code of that step or before is a replay.</summary>
    public long LastTotpTimeStep { get; set; }

    /// <summary>When the user last passed a step-up re-authentication (authenticator code or passkey).</summary>
    public DateTimeOffset? StepUpAtUtc { get; set; }

    /// <summary>The sign-in session that passed it: a proof made in one session does not unlock another.</summary>
    public string? StepUpSession { get; set; }
}
