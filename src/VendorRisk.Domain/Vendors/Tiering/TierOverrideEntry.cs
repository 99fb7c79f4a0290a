using VendorRisk.Domain.Tenancy;
using VendorRisk.Domain.Vendors.Engagements;

namespace VendorRisk.Domain.Vendors.Tiering;

public enum TierOverrideAction
{
    Set = 1,
    Cleared = 2,
}

/// <summary>
/// One line of an engagement's override history, never changed or removed: who set or cleared a
/// CISO override, when, the effective tier before and after, and why.
/// </summary>
public sealed class TierOverrideEntry : TenantOwnedEntity
{
    public const int ReasonMaxLength = 2000;

    private TierOverrideEntry()
    {
        Reason = string.Empty;
        ByUserId = string.Empty;
    }

    internal TierOverrideEntry(Engagement engagement, TierOverrideAction action, RiskTier fromTier, RiskTier toTier, string reason, string byUserId, DateTimeOffset atUtc)
    {
        AssignTenant(engagement.TenantId);
        EngagementId = engagement.Id;
        Action = action;
        FromTier = fromTier;
        ToTier = toTier;
        Reason = reason;
        ByUserId = byUserId;
        AtUtc = atUtc.ToUniversalTime();
    }

    public Guid EngagementId { get; private set; }

    public TierOverrideAction Action { get; private set; }

    /// <summary>The effective tier just before.</summary>
    public RiskTier FromTier { get; private set; }

    /// <summary>The effective tier just after (the computed tier when the override is cleared).</summary>
    public RiskTier ToTier { get; private set; }

    public string Reason { get; private set; }

    public string ByUserId { get; private set; }

    public DateTimeOffset AtUtc { get; private set; }
}
