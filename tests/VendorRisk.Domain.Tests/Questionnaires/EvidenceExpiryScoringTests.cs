using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

/// <summary>The rule of docs/scoring.md, "Evidence expiry in the score", with its worked example.</summary>
public sealed class EvidenceExpiryScoringTests
{
    private static readonly DateOnly DueOn = Today.AddDays(30);

    /// <summary>An ISO 27001 request (must not be expired, critical, weight 2) and a policy request (weight 1) beside a yes/no (weight 1).</summary>
    private static TemplateVersion Version()
    {
        var draft = NewDraft();
        var iso = draft.AddQuestion("s1", "iso", QuestionType.EvidenceRequest, Text("ISO 27001 certificate"));
        iso.SetEvidenceRequest([EvidenceType.Iso27001Certificate], mustNotBeExpired: true);
        iso.SetWeight(2);
        iso.SetCritical(true);
        var policy = draft.AddQuestion("s1", "policy", QuestionType.EvidenceRequest, Text("Security policy"));
        policy.SetEvidenceRequest([EvidenceType.Policy], mustNotBeExpired: false);
        draft.AddYesNo("backups");
        return draft;
    }

    private static Dictionary<string, Answer> Answers(DateOnly? isoExpires, DateOnly? policyExpires) => Builders.Answers(
        ("iso", new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.Iso27001Certificate, isoExpires))),
        ("policy", new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.Policy, policyExpires))),
        ("backups", Choice("yes")));

    private static decimal? ScoreOf(QuestionnaireScore score, string key) => score.Questions.Single(q => q.QuestionKey == key).Score;

    [Fact]
    public void Evidence_valid_through_the_due_date_scores_100()
    {
        var score = QuestionnaireScorer.Score(Version(), Answers(DueOn, null), Today, QuestionnaireScorer.EvidenceDate(Today, DueOn));
        Assert.Equal(100m, ScoreOf(score, "iso"));
        Assert.Equal(100m, score.Score);
    }

    [Fact]
    public void A_certificate_expiring_before_the_due_date_counts_as_expired_even_if_valid_today()
    {
        var evidenceDate = QuestionnaireScorer.EvidenceDate(Today, DueOn);
        var score = QuestionnaireScorer.Score(Version(), Answers(DueOn.AddDays(-1), DueOn.AddDays(-1)), Today, evidenceDate);

        Assert.Equal(0m, ScoreOf(score, "iso")); // must not be expired: 0, and a critical gap
        Assert.Equal(QuestionnaireScorer.ExpiredEvidenceScore, ScoreOf(score, "policy"));

        // Raw (2 × 0 + 1 × 25 + 1 × 100) / 4 = 31.25 → 31.3; already below the cap of 40.
        Assert.Equal(31.3m, score.Score);
        Assert.Single(score.CriticalGaps);

        // Scored on the scoring date alone (the old rule), the same documents were fine.
        Assert.Equal(100m, QuestionnaireScorer.Score(Version(), Answers(DueOn.AddDays(-1), DueOn.AddDays(-1)), Today).Score);
    }

    [Fact]
    public void An_expired_document_on_a_request_that_tolerates_it_scores_25_and_is_a_gap_when_critical()
    {
        var draft = NewDraft();
        var pentest = draft.AddQuestion("s1", "pentest", QuestionType.EvidenceRequest, Text("Pen test"));
        pentest.SetEvidenceRequest([EvidenceType.PenetrationTestSummary], mustNotBeExpired: false);
        pentest.SetCritical(true);
        var answers = Builders.Answers(("pentest", new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.PenetrationTestSummary, Today.AddDays(-1)))));

        var score = QuestionnaireScorer.Score(draft, answers, Today);
        Assert.Equal(25m, score.Score);
        Assert.Single(score.CriticalGaps);
    }

    [Fact]
    public void One_valid_document_is_enough_whatever_else_is_attached()
    {
        var draft = Version();
        var answers = Answers(Today.AddDays(-10), null);
        answers["iso"] = new EvidenceAnswer(
            new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.Iso27001Certificate, Today.AddDays(-10)),
            new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.HdsCertificate, null),
            new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.Iso27001Certificate, Today));
        Assert.Equal(100m, ScoreOf(QuestionnaireScorer.Score(draft, answers, Today), "iso"));
    }

    [Fact]
    public void A_document_of_a_type_the_request_does_not_accept_scores_0_even_when_valid()
    {
        var answers = Answers(null, null);
        answers["iso"] = new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.HdsCertificate, null));
        Assert.Equal(0m, ScoreOf(QuestionnaireScorer.Score(Version(), answers, Today), "iso"));
    }

    [Fact]
    public void A_software_bill_of_materials_filed_as_other_answers_its_request()
    {
        var draft = NewDraft();
        draft.AddQuestion("s1", "sbom", QuestionType.EvidenceRequest, Text("SBOM")).SetEvidenceRequest([EvidenceType.SoftwareBillOfMaterials], false);
        var answers = Builders.Answers(("sbom", new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.Other, null))));
        Assert.Equal(100m, QuestionnaireScorer.Score(draft, answers, Today).Score);
    }

    [Theory]
    [InlineData(0, 0)] // expires on the evidence date: still valid that day
    [InlineData(-1, 1)]
    public void Expiry_is_inclusive_of_the_evidence_date(int daysFromEvidenceDate, int gaps)
    {
        var evidenceDate = QuestionnaireScorer.EvidenceDate(Today, DueOn);
        var score = QuestionnaireScorer.Score(Version(), Answers(evidenceDate.AddDays(daysFromEvidenceDate), null), Today, evidenceDate);
        Assert.Equal(gaps, score.CriticalGaps.Count);
    }

    [Fact]
    public void The_evidence_date_is_the_later_of_the_scoring_date_and_the_due_date()
    {
        Assert.Equal(DueOn, QuestionnaireScorer.EvidenceDate(Today, DueOn));
        Assert.Equal(Today, QuestionnaireScorer.EvidenceDate(Today, Today.AddDays(-3))); // completed after the due date
        Assert.Equal(Today, QuestionnaireScorer.EvidenceDate(Today, null));

        // An evidence date before the scoring date is read as the scoring date.
        var score = QuestionnaireScorer.Score(Version(), Answers(Today.AddDays(-1), null), Today, Today.AddDays(-30));
        Assert.Equal(0m, ScoreOf(score, "iso"));
    }

    [Fact]
    public void The_current_score_of_a_completed_assessment_drops_once_its_evidence_expires()
    {
        // Worked example of docs/scoring.md: completed on Today with every document valid (score 100);
        // the ISO certificate expires 90 days later, the policy on the same day.
        var completedOn = Today;
        var answers = Answers(Today.AddDays(90), Today.AddDays(90));
        Assert.Equal(100m, QuestionnaireScorer.Score(Version(), answers, completedOn, QuestionnaireScorer.EvidenceDate(completedOn, completedOn.AddDays(-1))).Score);

        var later = Today.AddDays(91);
        var current = QuestionnaireScorer.Score(Version(), answers, later);
        Assert.Equal(31.3m, current.Score); // (2 × 0 + 1 × 25 + 1 × 100) / 4
        Assert.True(current.CriticalGaps.Count == 1);
    }
}
