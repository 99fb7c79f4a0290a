using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Audit;

/// <summary>
/// The display name of an audit actor, kept outside the hash chain so that it can be erased
/// (ADR 0013). Chained entries written since the Privacy migration name their actor by user id
/// only; readers resolve the name here. Erasure clears <see cref="DisplayName"/> and sets
/// <see cref="ErasedAtUtc"/>; the chain, which never contained the name, still verifies.
/// </summary>
[TenantExempt("An actor is an account, which spans organisations; tenants read names only for actors of their own chain, through the audit log service.")]
public sealed class AuditActorName
{
    private AuditActorName()
    {
    }

    public AuditActorName(string userId, string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        UserId = userId;
        DisplayName = displayName;
    }

    public string UserId { get; private set; } = string.Empty;

    /// <summary>The latest display name (or e-mail) of the actor; null once erased.</summary>
    public string? DisplayName { get; private set; }

    public DateTimeOffset? ErasedAtUtc { get; private set; }

    /// <summary>Keeps the latest name; an erased actor stays erased.</summary>
    public bool Rename(string displayName)
    {
        if (ErasedAtUtc is not null || DisplayName == displayName)
        {
            return false;
        }

        DisplayName = displayName;
        return true;
    }

    public void Erase(DateTimeOffset now)
    {
        DisplayName = null;
        ErasedAtUtc = now;
    }
}
