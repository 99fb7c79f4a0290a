using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Tests.Questionnaires;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Tests.Assessments;

/// <summary>Critical answers create draft findings (docs/scoring.md "Draft findings from critical answers").</summary>
public sealed class CriticalFindingRuleTests
{
    private static readonly DateOnly Today = Builders.Today;

    [Theory]
    [InlineData(0, RiskTier.Low, FindingSeverity.High)]
    [InlineData(0, RiskTier.High, FindingSeverity.High)]
    [InlineData(0, RiskTier.Critical, FindingSeverity.Critical)]
    [InlineData(24.9, RiskTier.Medium, FindingSeverity.High)]
    [InlineData(25, RiskTier.Medium, FindingSeverity.Medium)]
    [InlineData(49, RiskTier.High, FindingSeverity.Medium)]
    [InlineData(49, RiskTier.Critical, FindingSeverity.High)]
    public void Severity_follows_the_answer_score_and_the_tier(double score, RiskTier tier, FindingSeverity expected) =>
        Assert.Equal(expected, CriticalFindingRule.SeverityFor((decimal)score, tier));

    [Theory]
    [InlineData(FindingSeverity.Critical, 30)]
    [InlineData(FindingSeverity.High, 60)]
    [InlineData(FindingSeverity.Medium, 90)]
    [InlineData(FindingSeverity.Low, 180)]
    public void Remediation_window_follows_the_severity(FindingSeverity severity, int days) =>
        Assert.Equal(days, CriticalFindingRule.RemediationDays(severity));

    [Fact]
    public void Each_unsatisfactory_critical_answer_raises_one_draft_with_its_question_and_controls()
    {
        var (version, score) = Scored(("mfa", Builders.Choice("no")), ("partial", Builders.Choice("some")), ("backup", Builders.Choice("no")), ("fine", Builders.Choice("yes")));

        var drafts = CriticalFindingRule.DraftsFor(version, score, RiskTier.Critical, [], Today);

        Assert.Equal(["mfa", "partial"], drafts.Select(d => d.QuestionKey));
        var mfa = drafts[0];
        Assert.Equal("Question mfa? (fr)", mfa.Title);
        Assert.Equal(FindingSeverity.Critical, mfa.Severity);
        Assert.Equal(Today.AddDays(30), mfa.DueOn);
        Assert.Equal([$"{Builders.Mfa.Framework}:{Builders.Mfa.ControlId}"], mfa.ControlIds);
        Assert.Equal(FindingSeverity.High, drafts[1].Severity);
    }

    [Fact]
    public void Satisfactory_unanswered_and_not_applicable_critical_answers_raise_nothing()
    {
        var (version, score) = Scored(("mfa", Builders.Choice("yes")), ("partial", Builders.Choice("na")));
        Assert.Empty(CriticalFindingRule.DraftsFor(version, score, RiskTier.Critical, [], Today));
    }

    [Fact]
    public void A_question_already_covered_by_a_finding_raises_nothing_again()
    {
        var (version, score) = Scored(("mfa", Builders.Choice("no")), ("partial", Builders.Choice("some")));

        var drafts = CriticalFindingRule.DraftsFor(version, score, RiskTier.High, ["mfa"], Today);

        Assert.Equal(["partial"], drafts.Select(d => d.QuestionKey));
        Assert.Empty(CriticalFindingRule.DraftsFor(version, score, RiskTier.High, ["mfa", "partial"], Today));
    }

    [Fact]
    public void A_draft_is_confirmed_or_discarded_once_and_only_a_confirmed_one_can_be_overdue()
    {
        var (version, score) = Scored(("mfa", Builders.Choice("no")));
        var draft = CriticalFindingRule.DraftsFor(version, score, RiskTier.High, [], Today).Single();
        var assessment = AssessmentTransitionTests.NewAssessment();

        var confirmed = Finding.DraftFromCriticalAnswer(assessment, draft, AssessmentTransitionTests.Now);
        Assert.True(confirmed.IsDraft);
        Assert.Equal("mfa", confirmed.SourceQuestionKey);
        Assert.Equal(["mfa"], confirmed.QuestionKeyList);
        Assert.False(confirmed.IsOverdue(draft.DueOn.AddDays(1)));
        confirmed.Confirm();
        Assert.False(confirmed.IsDraft);
        Assert.True(confirmed.IsOverdue(draft.DueOn.AddDays(1)));
        Assert.Throws<AssessmentStateException>(confirmed.Confirm);
        Assert.Throws<AssessmentStateException>(() => confirmed.Discard("Chloé Bernard", AssessmentTransitionTests.Now));

        var discarded = Finding.DraftFromCriticalAnswer(assessment, draft, AssessmentTransitionTests.Now);
        discarded.Discard("Chloé Bernard", AssessmentTransitionTests.Now);
        Assert.True(discarded.IsDiscarded);
        Assert.Throws<AssessmentStateException>(discarded.Confirm);
        Assert.Throws<AssessmentStateException>(() => discarded.Discard("Chloé Bernard", AssessmentTransitionTests.Now));
    }

    private static (TemplateVersion Version, QuestionnaireScore Score) Scored(params (string Key, Answer Answer)[] answers)
    {
        var version = Builders.NewDraft();
        version.AddYesNo("mfa", critical: true);
        var partial = version.AddChoice("partial", QuestionType.SingleChoice, ("all", 100), ("some", 30), ("na", null));
        partial.SetCritical(true);
        version.AddYesNo("backup");
        version.AddYesNo("fine", critical: true);
        return (version, QuestionnaireScorer.Score(version, Builders.Answers(answers), Today));
    }
}
