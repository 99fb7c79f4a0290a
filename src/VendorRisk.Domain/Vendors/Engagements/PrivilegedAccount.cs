using System.Diagnostics.CodeAnalysis;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Vendors.Engagements;

/// <summary>
/// One entry of an engagement's privileged-access register: a vendor account or role that can reach
/// the hospital's data with elevated rights. Changed only through its <see cref="Engagement"/>, so
/// the engagement's inherent risk is recomputed on every change.
/// </summary>
public sealed class PrivilegedAccount : TenantOwnedEntity
{
    public const int HolderMaxLength = 200;

    private PrivilegedAccount()
    {
        Holder = string.Empty;
    }

    internal PrivilegedAccount(Engagement engagement, AccountHolderKind holderKind, string holder, AccessPath accessPath, bool mfaEnabled, DateOnly? lastReviewedOn, DateOnly nextReviewDue)
    {
        AssignTenant(engagement.TenantId);
        EngagementId = engagement.Id;
        Update(holderKind, holder, accessPath, mfaEnabled);
        SetReview(lastReviewedOn, nextReviewDue);
    }

    public Guid EngagementId { get; private set; }

    public AccountHolderKind HolderKind { get; private set; }

    /// <summary>The person's name, or the shared account's login.</summary>
    public string Holder { get; private set; }

    public AccessPath AccessPath { get; private set; }

    public bool MfaEnabled { get; private set; }

    public DateOnly? LastReviewedOn { get; private set; }

    public DateOnly NextReviewDue { get; private set; }

    public bool IsShared => HolderKind == AccountHolderKind.SharedAccount;

    [MemberNotNull(nameof(Holder))]
    internal void Update(AccountHolderKind holderKind, string holder, AccessPath accessPath, bool mfaEnabled)
    {
        if (!Enum.IsDefined(holderKind))
        {
            throw new ArgumentOutOfRangeException(nameof(holderKind), holderKind, "Unknown holder kind.");
        }

        if (!Enum.IsDefined(accessPath))
        {
            throw new ArgumentOutOfRangeException(nameof(accessPath), accessPath, "Unknown access path.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        var trimmed = holder.Trim();
        if (trimmed.Length > HolderMaxLength)
        {
            throw new ArgumentException($"A holder has at most {HolderMaxLength} characters.", nameof(holder));
        }

        HolderKind = holderKind;
        Holder = trimmed;
        AccessPath = accessPath;
        MfaEnabled = mfaEnabled;
    }

    internal void SetReview(DateOnly? lastReviewedOn, DateOnly nextReviewDue)
    {
        if (lastReviewedOn is { } last && nextReviewDue <= last)
        {
            throw new ArgumentException("The next review is due after the last one.", nameof(nextReviewDue));
        }

        LastReviewedOn = lastReviewedOn;
        NextReviewDue = nextReviewDue;
    }
}
