using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Tests.Assessments;

public sealed class AssessmentTransitionTests
{
    private static readonly (AssessmentStatus From, AssessmentStatus To)[] AllowedPairs =
    [
        (AssessmentStatus.Draft, AssessmentStatus.Sent),
        (AssessmentStatus.Draft, AssessmentStatus.Cancelled),
        (AssessmentStatus.Sent, AssessmentStatus.InProgress),
        (AssessmentStatus.Sent, AssessmentStatus.Submitted),
        (AssessmentStatus.Sent, AssessmentStatus.Cancelled),
        (AssessmentStatus.InProgress, AssessmentStatus.Submitted),
        (AssessmentStatus.InProgress, AssessmentStatus.Cancelled),
        (AssessmentStatus.Submitted, AssessmentStatus.UnderReview),
        (AssessmentStatus.Submitted, AssessmentStatus.ChangesRequested),
        (AssessmentStatus.Submitted, AssessmentStatus.Cancelled),
        (AssessmentStatus.UnderReview, AssessmentStatus.ChangesRequested),
        (AssessmentStatus.UnderReview, AssessmentStatus.Completed),
        (AssessmentStatus.UnderReview, AssessmentStatus.Cancelled),
        (AssessmentStatus.ChangesRequested, AssessmentStatus.InProgress),
        (AssessmentStatus.ChangesRequested, AssessmentStatus.Submitted),
        (AssessmentStatus.ChangesRequested, AssessmentStatus.Cancelled),
    ];

    public static TheoryData<AssessmentStatus, AssessmentStatus> EveryPair()
    {
        var data = new TheoryData<AssessmentStatus, AssessmentStatus>();
        foreach (var from in Enum.GetValues<AssessmentStatus>())
        {
            foreach (var to in Enum.GetValues<AssessmentStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_transition_is_allowed_exactly_when_the_table_says(AssessmentStatus from, AssessmentStatus to) =>
        Assert.Equal(AllowedPairs.Contains((from, to)), AssessmentTransitions.CanMove(from, to));

    [Fact]
    public void Completed_and_cancelled_are_final()
    {
        foreach (var to in Enum.GetValues<AssessmentStatus>())
        {
            Assert.False(AssessmentTransitions.CanMove(AssessmentStatus.Completed, to));
            Assert.False(AssessmentTransitions.CanMove(AssessmentStatus.Cancelled, to));
        }
    }

    [Fact]
    public void The_journey_goes_from_draft_to_completed_and_answers_lock_on_submission()
    {
        var assessment = NewAssessment();
        Assert.Throws<AssessmentStateException>(() => assessment.Send(Now));
        assessment.AddRespondent(null, "Vendor@Example.com", "Vendor");
        assessment.Send(Now);
        Assert.Equal(AssessmentStatus.Sent, assessment.Status);

        assessment.RecordAnswerChange(40m);
        Assert.Equal(AssessmentStatus.InProgress, assessment.Status);
        assessment.Submit(Now, 100m);
        Assert.Throws<AssessmentStateException>(() => assessment.RecordAnswerChange(100m));

        assessment.StartReview();
        assessment.RequestChanges();
        assessment.RecordAnswerChange(100m);
        Assert.Equal(AssessmentStatus.InProgress, assessment.Status);
        assessment.Submit(Now, 100m);
        assessment.StartReview();
        assessment.Complete(82.5m, false, AssessmentDecision.Approved, null, new DateOnly(2027, 11, 1), Now);

        Assert.Equal(AssessmentStatus.Completed, assessment.Status);
        Assert.Equal(82.5m, assessment.Score);
        Assert.Throws<AssessmentStateException>(() => assessment.Cancel(Now));
        Assert.Throws<AssessmentStateException>(() => assessment.ChangeDueDate(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Completing_needs_a_future_reassessment_date_and_a_review()
    {
        var assessment = NewAssessment();
        assessment.AddRespondent(null, "v@example.com", "V");
        assessment.Send(Now);
        Assert.Throws<AssessmentStateException>(() => assessment.Complete(50m, false, AssessmentDecision.Approved, null, new DateOnly(2027, 1, 1), Now));
        assessment.Submit(Now, 100m);
        assessment.StartReview();
        Assert.Throws<ArgumentException>(() => assessment.Complete(50m, false, AssessmentDecision.Approved, null, new DateOnly(2026, 11, 1), Now));
        Assert.Equal(AssessmentStatus.UnderReview, assessment.Status);
    }

    [Theory]
    [InlineData(AssessmentStatus.Sent, "2026-12-01", false)]
    [InlineData(AssessmentStatus.Sent, "2026-12-02", true)]
    [InlineData(AssessmentStatus.Submitted, "2026-12-09", false)]
    public void Overdue_is_a_flag_on_assessments_that_still_await_the_vendor(AssessmentStatus status, string today, bool overdue)
    {
        var assessment = NewAssessment();
        assessment.AddRespondent(null, "v@example.com", "V");
        assessment.Send(Now);
        if (status == AssessmentStatus.Submitted)
        {
            assessment.Submit(Now, 100m);
        }

        Assert.Equal(overdue, assessment.IsOverdue(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_respondent_is_added_once_per_address()
    {
        var assessment = NewAssessment();
        assessment.AddRespondent(null, "v@example.com", "V");
        Assert.Throws<ArgumentException>(() => assessment.AddRespondent("u1", "V@EXAMPLE.com", "V"));
    }

    [Theory]
    [InlineData(RiskTier.Critical, 12)]
    [InlineData(RiskTier.High, 12)]
    [InlineData(RiskTier.Medium, 24)]
    [InlineData(RiskTier.Low, 36)]
    public void Reassessment_interval_follows_the_tier(RiskTier tier, int months) => Assert.Equal(months, Assessment.ReassessmentMonths(tier));

    internal static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    internal static Assessment NewAssessment() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Baseline 2026", RiskTier.High, new DateOnly(2026, 12, 1), "owner-1", Now);
}
