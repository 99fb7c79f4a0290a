using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Audit;

/// <summary>One field of a record that an audited action changed. Secret values are never kept (<see cref="Redacted"/>).</summary>
public sealed record AuditFieldChange(string Field, string? OldValue, string? NewValue, bool Redacted = false);

/// <summary>
/// One entry of the tamper-evident audit log: who (user id and display name at the time) did what
/// (action) to which record (target type and id), with which changed fields, when (UTC), from
/// where (IP, user agent) and in which request (correlation id).
/// </summary>
/// <remarks>
/// Entries form one hash chain per tenant (<see cref="TenantId"/>), plus the platform chain
/// (<see cref="AuditChain.PlatformChain"/>, the empty tenant) for events that concern no
/// organisation (a failed sign-in with an unknown e-mail). Each entry stores its position in the
/// chain (<see cref="Sequence"/>, 1, 2, 3… without gaps), the hash of its predecessor and its own
/// hash, computed by <see cref="AuditChain"/>; the database refuses UPDATE and DELETE on the table.
/// The tenant query filter applies: a user sees only the chain of the organisation they act for,
/// and nobody acts for the platform chain.
/// </remarks>
public sealed class AuditEvent : ITenantOwned
{
    public const int ActorNameMaxLength = 256;
    public const int ActionMaxLength = 100;
    public const int TargetTypeMaxLength = 100;
    public const int TargetIdMaxLength = 256;
    public const int IpAddressMaxLength = 64;
    public const int UserAgentMaxLength = 512;
    public const int CorrelationIdMaxLength = 128;
    public const int HashLength = 64;

    private AuditEvent()
    {
    }

    /// <summary>Makes the entry at <paramref name="sequence"/> of <paramref name="chain"/>, after the entry whose hash is <paramref name="previousHash"/>.</summary>
    public AuditEvent(Guid chain, long sequence, string previousHash, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(previousHash);
        TenantId = chain;
        Sequence = sequence;
        OccurredAtUtc = record.OccurredAtUtc;
        ActorUserId = record.ActorUserId;
        ActorName = record.ActorName;
        Action = record.Action;
        TargetType = record.TargetType;
        TargetId = record.TargetId;
        Changes = record.ChangesJson;
        IpAddress = record.IpAddress;
        UserAgent = record.UserAgent;
        CorrelationId = record.CorrelationId;
        PreviousHash = previousHash;
        Hash = AuditChain.ChainHash(previousHash, AuditChain.LeafHash(this));
    }

    /// <summary>The chain: the organisation, or <see cref="AuditChain.PlatformChain"/> for platform events.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>Position in the chain, starting at 1, without gaps.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset OccurredAtUtc { get; private set; }

    /// <summary>The acting user's id; null for the platform itself (demo data, background jobs) or an unknown account.</summary>
    public string? ActorUserId { get; private set; }

    /// <summary>The actor's display name (or typed e-mail) as it was at the time.</summary>
    public string? ActorName { get; private set; }

    /// <summary>What happened: <c>Vendor.Created</c>, <c>Engagement.Changed</c>, <c>Security.SignInSucceeded</c>, <c>AuditLog.Exported</c>…</summary>
    public string Action { get; private set; } = string.Empty;

    public string? TargetType { get; private set; }

    public string? TargetId { get; private set; }

    /// <summary>The changed fields as JSON (<see cref="AuditRecord.SerializeChanges"/>); hashed exactly as stored.</summary>
    public string? Changes { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public string? CorrelationId { get; private set; }

    /// <summary>Hex SHA-256 chain hash of the previous entry (<see cref="AuditChain.GenesisHash"/> for the first).</summary>
    public string PreviousHash { get; private set; } = string.Empty;

    /// <summary>Hex SHA-256 chain hash of this entry: <see cref="AuditChain.ChainHash"/>(previous, leaf).</summary>
    public string Hash { get; private set; } = string.Empty;

    public IReadOnlyList<AuditFieldChange> ChangedFields => AuditRecord.DeserializeChanges(Changes);

    /// <summary>The tenant is fixed at construction (it is the chain); this only accepts the same value again.</summary>
    public void AssignTenant(Guid tenantId)
    {
        if (tenantId != TenantId)
        {
            throw new TenantViolationException("An audit event cannot move to another chain.");
        }
    }
}
