using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Domain.Tests.Assessments;

public sealed class FindingAndAnswerTests
{
    private static readonly DateTimeOffset Now = AssessmentTransitionTests.Now;

    [Fact]
    public void A_finding_goes_from_open_through_plan_and_remediation_to_closed()
    {
        var finding = NewFinding();
        Assert.Throws<AssessmentStateException>(() => finding.AcceptPlan());
        Assert.Throws<ArgumentException>(() => finding.ProposePlan("  "));
        finding.ProposePlan("Enforce MFA on every support account by March");
        Assert.Equal(FindingStatus.PlanProposed, finding.Status);
        finding.RejectPlan();
        finding.ProposePlan("Enforce MFA by February");
        finding.AcceptPlan();
        Assert.Throws<AssessmentStateException>(() => finding.Reopen());
        finding.VerifyClosed(Now);
        Assert.Equal(FindingStatus.VerifiedClosed, finding.Status);
        Assert.Throws<AssessmentStateException>(() => finding.AcceptRisk("x", "CISO", new DateOnly(2027, 1, 1), Now));
    }

    [Fact]
    public void Accepting_a_risk_needs_a_reason_an_approver_and_a_future_end_date()
    {
        var finding = NewFinding();
        Assert.Throws<ArgumentException>(() => finding.AcceptRisk("", "CISO", new DateOnly(2027, 1, 1), Now));
        Assert.Throws<ArgumentException>(() => finding.AcceptRisk("Legacy device", "CISO", new DateOnly(2026, 11, 20), Now));
        Assert.Equal(FindingStatus.Open, finding.Status);

        finding.AcceptRisk("Legacy device isolated on its own VLAN", "Chloé Bernard", new DateOnly(2027, 6, 30), Now);
        Assert.Equal(FindingStatus.RiskAccepted, finding.Status);
        Assert.Equal("Chloé Bernard", finding.RiskAcceptedBy);
        Assert.Equal(new DateOnly(2027, 6, 30), finding.RiskAcceptedUntil);

        finding.Reopen();
        Assert.Equal(FindingStatus.Open, finding.Status);
        Assert.Null(finding.RiskAcceptedUntil);
    }

    [Fact]
    public void Linked_questions_and_controls_are_kept_as_lists()
    {
        var finding = NewFinding();
        Assert.Equal(["q1", "q2"], finding.QuestionKeyList);
        Assert.Equal(["ISO27001:A.5.15"], finding.ControlIdList);
    }

    [Fact]
    public void Each_change_of_an_answer_raises_its_version_and_a_clarified_answer_goes_back_to_review()
    {
        var assessment = AssessmentTransitionTests.NewAssessment();
        var answer = new AssessmentAnswer(assessment, "q1", AnswerValue.OfOptions("yes"), "Farid", Now);
        Assert.Equal(1, answer.Version);
        Assert.Throws<ArgumentException>(() => answer.SetReview(AnswerReview.NeedsClarification, null));
        answer.SetReview(AnswerReview.NeedsClarification, "Which MFA factor?");
        answer.Change(AnswerValue.OfOptions("partial"), "Farid", Now);
        Assert.Equal(2, answer.Version);
        Assert.Equal(AnswerReview.Pending, answer.Review);
        Assert.Equal(AnswerValue.OfOptions("partial"), answer.Parsed);
    }

    [Fact]
    public void Answer_values_round_trip_and_map_to_the_scorers_answers()
    {
        var value = new AnswerValue { Options = ["a", "b"], Number = 4.5m, Text = "note", Date = new DateOnly(2026, 1, 2) };
        Assert.Equal(value, AnswerValue.FromJson(value.ToJson()));
        Assert.True(AnswerValue.FromJson(null).IsEmpty);

        var version = QuestionnaireTemplate.Create(new LocalizedText("T", "T"), null, Now).LatestVersion;
        version.AddSection("s", new LocalizedText("S", "S"));
        var yesNo = version.AddQuestion("s", "q", QuestionType.YesNo, new LocalizedText("Q", "Q"));
        var evidence = version.AddQuestion("s", "e", QuestionType.EvidenceRequest, new LocalizedText("E", "E"));

        Assert.IsType<ChoiceAnswer>(AnswerValue.OfOptions("yes").ToAnswer(yesNo));
        Assert.True(AnswerValue.OfOptions("yes").Answers(yesNo));
        Assert.False(AnswerValue.OfOptions("maybe").Answers(yesNo));
        Assert.False(AnswerValue.OfOptions("yes", "no").Answers(yesNo));
        Assert.Null(AnswerValue.OfText("Certificate on our trust portal").ToAnswer(evidence));
        // A note alone no longer answers an evidence request: an attached document does.
        Assert.False(AnswerValue.OfText("Certificate on our trust portal").Answers(evidence));
        Assert.True(AnswerValue.OfText("Certificate on our trust portal").WithEvidence(Guid.NewGuid()).Answers(evidence));
    }

    [Fact]
    public void Vendors_cannot_write_internal_comments()
    {
        var assessment = AssessmentTransitionTests.NewAssessment();
        Assert.Throws<ArgumentException>(() => new AssessmentComment(assessment, "q1", CommentSide.Vendor, true, "Farid", "x", Now));
        var comment = new AssessmentComment(assessment, "q1", CommentSide.Hospital, true, "Chloé", "Check with the DPO", Now);
        Assert.True(comment.IsInternal);
    }

    [Fact]
    public void A_finding_is_handed_to_a_member_or_to_nobody_and_the_assessment_owner_follows_up_when_nobody()
    {
        var finding = NewFinding();
        Assert.Equal("user-chloe", finding.OwnerUserId);
        Assert.Equal("user-chloe", finding.EffectiveOwner("user-procurement"));
        var token = finding.ConcurrencyToken;

        finding.AssignOwner("  ");
        Assert.Null(finding.OwnerUserId);
        Assert.Equal("user-procurement", finding.EffectiveOwner("user-procurement"));
        Assert.NotEqual(token, finding.ConcurrencyToken);

        finding.AssignOwner(" user-farid ");
        Assert.Equal("user-farid", finding.OwnerUserId);
        Assert.Throws<ArgumentException>(() => finding.AssignOwner(new string('x', Finding.UserIdMaxLength + 1)));
        Assert.Equal("user-farid", finding.OwnerUserId);
    }

    [Fact]
    public void A_closed_finding_keeps_its_owner_and_a_draft_starts_with_the_assessment_owner()
    {
        var finding = NewFinding();
        finding.ProposePlan("Plan");
        finding.AcceptPlan();
        finding.AssignOwner("user-farid"); // still to follow up: allowed
        finding.VerifyClosed(Now);
        Assert.Throws<AssessmentStateException>(() => finding.AssignOwner("user-chloe"));
        Assert.Equal("user-farid", finding.OwnerUserId);

        var assessment = AssessmentTransitionTests.NewAssessment();
        var draft = Finding.DraftFromCriticalAnswer(assessment, new CriticalFindingDraft("q1", "Draft", FindingSeverity.High, [], new DateOnly(2027, 1, 1)), Now);
        Assert.Equal(assessment.OwnerUserId, draft.OwnerUserId);
        Assert.Null(draft.OwnerLabel);
        draft.Discard("CISO", Now);
        Assert.Throws<AssessmentStateException>(() => draft.AssignOwner(null));
    }

    private static Finding NewFinding() =>
        new(AssessmentTransitionTests.NewAssessment(), "Support accounts without MFA", FindingSeverity.Critical, ["q1", "q2", "q1"], ["ISO27001:A.5.15"], "user-chloe", new DateOnly(2027, 3, 1), Now);
}
