using System.Diagnostics.CodeAnalysis;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Organisations;

public enum InvitationStatus
{
    Pending = 1,
    Accepted = 2,
    Revoked = 3,
}

/// <summary>Why an invitation token cannot be used.</summary>
public enum InvitationProblem
{
    None = 0,
    Unknown = 1,
    Expired = 2,
    AlreadyUsed = 3,
    Revoked = 4,
}

/// <summary>
/// An invitation to join an organisation with a role. The token travels only in the e-mail; the
/// database keeps its SHA-256 hash, so a database reader cannot accept an invitation. A token is
/// single-use, expires after <see cref="Lifetime"/>, and resending replaces it (the old link dies).
/// </summary>
public sealed class Invitation : TenantOwnedEntity
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const int EmailMaxLength = 256;

    private Invitation()
    {
        Email = string.Empty;
        TokenHash = string.Empty;
        InvitedByUserId = string.Empty;
    }

    public Invitation(Organisation organisation, string email, OrganisationRole role, string tokenHash, string invitedByUserId, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(invitedByUserId);
        if (email.Length > EmailMaxLength)
        {
            throw new ArgumentException($"An e-mail address has at most {EmailMaxLength} characters.", nameof(email));
        }

        if (!OrganisationRoles.IsValidFor(organisation.Kind, role))
        {
            throw new ArgumentException($"The role {role} cannot be held in a {organisation.Kind} organisation.", nameof(role));
        }

        AssignTenant(organisation.Id);
        Email = email.Trim().ToLowerInvariant();
        Role = role;
        InvitedByUserId = invitedByUserId;
        CreatedAtUtc = nowUtc.ToUniversalTime();
        Status = InvitationStatus.Pending;
        Issue(tokenHash, nowUtc);
    }

    public string Email { get; private set; }

    public OrganisationRole Role { get; private set; }

    public string TokenHash { get; private set; }

    public InvitationStatus Status { get; private set; }

    public string InvitedByUserId { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public DateTimeOffset ExpiresAtUtc { get; private set; }

    public DateTimeOffset LastSentAtUtc { get; private set; }

    public int SentCount { get; private set; }

    public DateTimeOffset? AcceptedAtUtc { get; private set; }

    public string? AcceptedByUserId { get; private set; }

    /// <summary>What stops the invitation from being accepted at <paramref name="nowUtc"/>, if anything.</summary>
    public InvitationProblem ProblemAt(DateTimeOffset nowUtc) => Status switch
    {
        InvitationStatus.Accepted => InvitationProblem.AlreadyUsed,
        InvitationStatus.Revoked => InvitationProblem.Revoked,
        _ when nowUtc >= ExpiresAtUtc => InvitationProblem.Expired,
        _ => InvitationProblem.None,
    };

    public void Accept(string userId, DateTimeOffset nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureUsable(nowUtc);
        Status = InvitationStatus.Accepted;
        AcceptedAtUtc = nowUtc.ToUniversalTime();
        AcceptedByUserId = userId;
    }

    /// <summary>Sends a new link: a new token and a new expiry; the previous link stops working.</summary>
    public void Resend(string newTokenHash, DateTimeOffset nowUtc)
    {
        if (Status != InvitationStatus.Pending)
        {
            throw new InvalidOperationException("Only a pending invitation can be sent again.");
        }

        Issue(newTokenHash, nowUtc);
    }

    public void Revoke()
    {
        if (Status != InvitationStatus.Pending)
        {
            throw new InvalidOperationException("Only a pending invitation can be revoked.");
        }

        Status = InvitationStatus.Revoked;
    }

    private void EnsureUsable(DateTimeOffset nowUtc)
    {
        var problem = ProblemAt(nowUtc);
        if (problem != InvitationProblem.None)
        {
            throw new InvalidOperationException($"The invitation cannot be accepted: {problem}.");
        }
    }

    [MemberNotNull(nameof(TokenHash))]
    private void Issue(string tokenHash, DateTimeOffset nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        TokenHash = tokenHash;
        LastSentAtUtc = nowUtc.ToUniversalTime();
        ExpiresAtUtc = LastSentAtUtc + Lifetime;
        SentCount++;
    }
}
