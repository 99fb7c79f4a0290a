using VendorRisk.Domain.Vendors.Engagements;
using static VendorRisk.Domain.Tests.Vendors.Builders;

namespace VendorRisk.Domain.Tests.Vendors;

public sealed class PrivilegedAccessTests
{
    [Theory]
    [InlineData(AccountHolderKind.NamedPerson, true, 1, false, false, false)]
    [InlineData(AccountHolderKind.SharedAccount, true, 1, true, false, false)]
    [InlineData(AccountHolderKind.NamedPerson, false, 1, false, true, false)]
    [InlineData(AccountHolderKind.NamedPerson, true, 0, false, false, false)] // due today is not overdue
    [InlineData(AccountHolderKind.NamedPerson, true, -1, false, false, true)]
    [InlineData(AccountHolderKind.SharedAccount, false, -30, true, true, true)]
    public void Flags_mark_shared_accounts_accounts_without_mfa_and_overdue_reviews(
        AccountHolderKind holder, bool mfa, int dueInDays, bool shared, bool noMfa, bool overdue)
    {
        var account = Engagement().AddPrivilegedAccount(holder, "admin", AccessPath.Vpn, mfa, null, Today.AddDays(dueInDays));

        var flags = PrivilegedAccessFlags.For(account, Today);

        Assert.Equal(new PrivilegedAccessFlags(shared, noMfa, overdue), flags);
        Assert.Equal(shared || noMfa || overdue, flags.Any);
    }

    [Fact]
    public void The_summary_counts_each_flag()
    {
        var engagement = Engagement();
        engagement.AddPrivilegedAccount(AccountHolderKind.SharedAccount, "support", AccessPath.Direct, false, null, Today.AddDays(-1));
        engagement.AddPrivilegedAccount(AccountHolderKind.NamedPerson, "Paul Durand", AccessPath.Bastion, true, null, Today.AddDays(10));
        engagement.AddPrivilegedAccount(AccountHolderKind.NamedPerson, "Lea Petit", AccessPath.Vpn, false, null, Today);

        Assert.Equal(new PrivilegedAccessSummary(3, 1, 2, 1), PrivilegedAccessSummary.Of(engagement.PrivilegedAccounts, Today));
    }

    [Fact]
    public void Reviews_due_list_overdue_and_upcoming_reviews_within_the_horizon_oldest_first()
    {
        var first = Engagement();
        var overdue = first.AddPrivilegedAccount(AccountHolderKind.SharedAccount, "support", AccessPath.Direct, false, null, Today.AddDays(-3));
        first.AddPrivilegedAccount(AccountHolderKind.NamedPerson, "later", AccessPath.Vpn, true, null, Today.AddDays(31));
        var second = Engagement();
        var atHorizon = second.AddPrivilegedAccount(AccountHolderKind.NamedPerson, "Paul Durand", AccessPath.Bastion, true, null, Today.AddDays(30));
        var dueToday = second.AddPrivilegedAccount(AccountHolderKind.NamedPerson, "Lea Petit", AccessPath.Vpn, true, null, Today);

        var due = PrivilegedAccessReviews.Due([first, second], Today);

        Assert.Equal(
            [
                (overdue.Id, first.Id, true),
                (dueToday.Id, second.Id, false),
                (atHorizon.Id, second.Id, false),
            ],
            due.Select(r => (r.AccountId, r.EngagementId, r.IsOverdue)));
        Assert.All(due, r => Assert.Equal("Dr Martin", r.BusinessOwner));
    }

    [Fact]
    public void Recording_a_review_moves_the_next_due_date()
    {
        var engagement = Engagement();
        var account = engagement.AddPrivilegedAccount(AccountHolderKind.NamedPerson, "Paul", AccessPath.Vpn, true, null, Today.AddDays(-1));

        engagement.RecordPrivilegedAccountReview(account.Id, Today, Today.AddMonths(6));

        Assert.Equal(Today, account.LastReviewedOn);
        Assert.False(PrivilegedAccessFlags.For(account, Today).ReviewOverdue);
        Assert.Throws<ArgumentException>(() => engagement.RecordPrivilegedAccountReview(account.Id, Today, Today));
        Assert.Throws<InvalidOperationException>(() => engagement.RecordPrivilegedAccountReview(Guid.NewGuid(), Today, Today.AddDays(1)));
    }
}
