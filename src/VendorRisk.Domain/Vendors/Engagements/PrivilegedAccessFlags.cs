namespace VendorRisk.Domain.Vendors.Engagements;

/// <summary>
/// What is wrong with one privileged account: a shared account (nobody is accountable for what it
/// does), no MFA (a stolen password is enough, as in the MediBoard breach), or a review overdue
/// (<see cref="PrivilegedAccount.NextReviewDue"/> is before today; due today is not yet overdue).
/// </summary>
public readonly record struct PrivilegedAccessFlags(bool SharedAccount, bool NoMfa, bool ReviewOverdue)
{
    public bool Any => SharedAccount || NoMfa || ReviewOverdue;

    public static PrivilegedAccessFlags For(PrivilegedAccount account, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new PrivilegedAccessFlags(
            SharedAccount: account.IsShared,
            NoMfa: !account.MfaEnabled,
            ReviewOverdue: account.NextReviewDue < today);
    }
}

/// <summary>The register of one engagement in figures: what the inherent risk and the owner's to-do list use.</summary>
public readonly record struct PrivilegedAccessSummary(int Accounts, int SharedAccounts, int AccountsWithoutMfa, int ReviewsOverdue)
{
    public static PrivilegedAccessSummary Of(IEnumerable<PrivilegedAccount> accounts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        int total = 0, shared = 0, withoutMfa = 0, overdue = 0;
        foreach (var account in accounts)
        {
            var flags = PrivilegedAccessFlags.For(account, today);
            total++;
            shared += flags.SharedAccount ? 1 : 0;
            withoutMfa += flags.NoMfa ? 1 : 0;
            overdue += flags.ReviewOverdue ? 1 : 0;
        }

        return new PrivilegedAccessSummary(total, shared, withoutMfa, overdue);
    }
}

/// <summary>A privileged-account review that the engagement owner must carry out.</summary>
public sealed record PrivilegedAccessReviewDue(Guid EngagementId, string BusinessOwner, Guid AccountId, string Holder, DateOnly DueOn, bool IsOverdue);

public static class PrivilegedAccessReviews
{
    public const int DefaultHorizonDays = 30;

    /// <summary>
    /// The reviews overdue or due within <paramref name="horizonDays"/> days of
    /// <paramref name="today"/> (inclusive), oldest first.
    /// </summary>
    public static IReadOnlyList<PrivilegedAccessReviewDue> Due(IEnumerable<Engagement> engagements, DateOnly today, int horizonDays = DefaultHorizonDays)
    {
        ArgumentNullException.ThrowIfNull(engagements);
        ArgumentOutOfRangeException.ThrowIfNegative(horizonDays);
        var limit = today.AddDays(horizonDays);
        return engagements
            .SelectMany(engagement => engagement.PrivilegedAccounts
                .Where(account => account.NextReviewDue <= limit)
                .Select(account => new PrivilegedAccessReviewDue(
                    engagement.Id, engagement.BusinessOwner, account.Id, account.Holder, account.NextReviewDue, account.NextReviewDue < today)))
            .OrderBy(review => review.DueOn)
            .ThenBy(review => review.Holder, StringComparer.Ordinal)
            .ToList();
    }
}
