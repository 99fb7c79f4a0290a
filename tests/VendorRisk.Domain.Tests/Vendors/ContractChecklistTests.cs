using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using static VendorRisk.Domain.Tests.Vendors.Builders;

namespace VendorRisk.Domain.Tests.Vendors;

public sealed class ContractChecklistTests
{
    private const SecurityClauses AllClauses = SecurityClauses.BreachNotification | SecurityClauses.AuditRight
        | SecurityClauses.MfaForRemoteAccess | SecurityClauses.DataLocationInEea | SecurityClauses.SubProcessorApproval
        | SecurityClauses.DataReturnOrDestruction | SecurityClauses.Encryption;

    [Fact]
    public void A_dpa_without_clauses_misses_every_clause_article_28_asks_for()
    {
        var dpa = Engagement().AddContract(ContractType.DataProcessingAgreement, "DPA 2025");

        var check = ContractChecklist.Evaluate(dpa, Today);

        Assert.Equal(
            SecurityClauses.BreachNotification | SecurityClauses.AuditRight | SecurityClauses.SubProcessorApproval
            | SecurityClauses.DataReturnOrDestruction | SecurityClauses.Encryption | SecurityClauses.DataLocationInEea,
            check.MissingClauses);
        Assert.True(check.NeedsAttention);
    }

    [Theory]
    [InlineData(ContractType.MainContract)]
    [InlineData(ContractType.DataProcessingAgreement)]
    [InlineData(ContractType.SecurityAnnex)]
    [InlineData(ContractType.HdsClause)]
    public void A_contract_with_every_clause_misses_none(ContractType type)
    {
        var contract = Engagement().AddContract(type, null);
        contract.SetClauses(AllClauses, 24);

        var check = ContractChecklist.Evaluate(contract, Today);

        Assert.Equal(SecurityClauses.None, check.MissingClauses);
        Assert.False(check.NeedsAttention);
        Assert.NotEqual(SecurityClauses.None, ContractChecklist.RequiredClauses(type));
    }

    [Fact]
    public void A_security_annex_without_mfa_for_remote_access_misses_it()
    {
        var annex = Engagement().AddContract(ContractType.SecurityAnnex, null);
        annex.SetClauses(AllClauses & ~SecurityClauses.MfaForRemoteAccess, 24);

        Assert.Equal(SecurityClauses.MfaForRemoteAccess, ContractChecklist.Evaluate(annex, Today).MissingClauses);
    }

    [Fact]
    public void The_breach_notification_clause_comes_with_its_delay_in_hours()
    {
        var contract = Engagement().AddContract(ContractType.SecurityAnnex, null);

        Assert.Throws<ArgumentException>(() => contract.SetClauses(SecurityClauses.BreachNotification, null));
        Assert.Throws<ArgumentException>(() => contract.SetClauses(SecurityClauses.AuditRight, 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.SetClauses(SecurityClauses.BreachNotification, -1));
    }

    [Theory]
    [InlineData(48, false)]
    [InlineData(49, true)]
    public void A_breach_notification_delay_above_48_hours_is_too_slow(int hours, bool tooSlow)
    {
        var contract = Engagement().AddContract(ContractType.DataProcessingAgreement, null);
        contract.SetClauses(SecurityClauses.BreachNotification, hours);

        Assert.Equal(tooSlow, ContractChecklist.Evaluate(contract, Today).BreachNotificationTooSlow);
    }

    [Theory]
    [InlineData(-1, false, true)]
    [InlineData(0, true, false)]
    [InlineData(90, true, false)]
    [InlineData(91, false, false)]
    public void A_contract_ending_within_90_days_is_listed(int endsInDays, bool endingSoon, bool expired)
    {
        var contract = Engagement().AddContract(ContractType.MainContract, null);
        contract.SetDates(null, new DateOnly(2020, 1, 1), Today.AddDays(endsInDays), null);

        var check = ContractChecklist.Evaluate(contract, Today);

        Assert.Equal(endingSoon, check.EndingSoon);
        Assert.Equal(expired, check.Expired);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void A_notice_date_within_90_days_is_listed(int noticeInDays, bool noticeSoon)
    {
        var contract = Engagement().AddContract(ContractType.MainContract, null);
        contract.SetDates(null, null, Today.AddYears(2), Today.AddDays(noticeInDays));

        Assert.Equal(noticeSoon, ContractChecklist.Evaluate(contract, Today).NoticeSoon);
    }

    [Fact]
    public void Contract_dates_must_be_in_order()
    {
        var contract = Engagement().AddContract(ContractType.MainContract, null);

        Assert.Throws<ArgumentException>(() => contract.SetDates(null, Today, Today.AddDays(-1), null));
        Assert.Throws<ArgumentException>(() => contract.SetDates(null, Today, Today.AddDays(10), Today.AddDays(11)));
    }

    [Fact]
    public void An_engagement_holding_patient_data_needs_a_dpa_in_force()
    {
        var engagement = Engagement(data: DataCategories.Clinical, records: 1_000);
        engagement.AddContract(ContractType.MainContract, null);
        Assert.True(ContractChecklist.Review(engagement, Today).DataProcessingAgreementMissing);

        var dpa = engagement.AddContract(ContractType.DataProcessingAgreement, null);
        Assert.False(ContractChecklist.Review(engagement, Today).DataProcessingAgreementMissing);

        dpa.SetDates(null, new DateOnly(2020, 1, 1), Today.AddDays(-1), null);
        Assert.True(ContractChecklist.Review(engagement, Today).DataProcessingAgreementMissing);
    }

    [Fact]
    public void An_engagement_without_patient_data_needs_no_dpa()
    {
        var engagement = Engagement(data: DataCategories.NoPatientData, records: 0);

        var review = ContractChecklist.Review(engagement, Today);

        Assert.False(review.DataProcessingAgreementMissing);
        Assert.False(review.NeedsAttention);
    }

    [Fact]
    public void Updating_a_contract_through_its_engagement_changes_the_engagement_token()
    {
        var engagement = Engagement();
        var dpa = engagement.AddContract(ContractType.DataProcessingAgreement, null);
        var before = engagement.ConcurrencyToken;

        engagement.UpdateContract(dpa.Id, "DPA 2026", Today, Today, Today.AddYears(3), Today.AddYears(3).AddMonths(-6), SecurityClauses.BreachNotification | SecurityClauses.AuditRight, 24);

        Assert.NotEqual(before, engagement.ConcurrencyToken);
        Assert.Equal("DPA 2026", dpa.Title);
        Assert.Equal(24, dpa.BreachNotificationDelayHours);
        Assert.Equal(Today.AddYears(3), dpa.EndsOn);
    }
}
