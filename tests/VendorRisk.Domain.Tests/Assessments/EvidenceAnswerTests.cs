using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Domain.Tests.Assessments;

public sealed class EvidenceAnswerTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static TemplateVersion Version()
    {
        var template = QuestionnaireTemplate.Create(new LocalizedText("T", "T"), null, AssessmentTransitionTests.Now);
        var version = template.LatestVersion;
        version.AddSection("s", new LocalizedText("S", "S"));
        var iso = version.AddQuestion("s", "iso", QuestionType.EvidenceRequest, new LocalizedText("ISO", "ISO"));
        iso.SetEvidenceRequest([EvidenceType.Iso27001Certificate], mustNotBeExpired: true);
        iso.SetRequired(true);
        var policy = version.AddQuestion("s", "policy", QuestionType.EvidenceRequest, new LocalizedText("P", "P"));
        policy.SetEvidenceRequest([EvidenceType.Policy], mustNotBeExpired: false);
        return version;
    }

    [Fact]
    public void Attached_documents_round_trip_and_a_note_alone_answers_nothing()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var value = AnswerValue.OfText("see portal").WithEvidence(a).WithEvidence(b).WithEvidence(a);
        Assert.Equal([a, b], value.Evidence);
        Assert.Equal(value, AnswerValue.FromJson(value.ToJson()));
        Assert.Equal([b], value.WithoutEvidence(a).Evidence);
        Assert.False(value.WithoutEvidence(a).WithoutEvidence(b).IsEmpty);
        Assert.True(AnswerValue.Empty.WithEvidence(a).WithoutEvidence(a).IsEmpty);

        // Answers stored before evidence existed read as they were.
        Assert.Equal("{\"O\":null,\"N\":null,\"T\":\"x\",\"D\":null}", AnswerValue.OfText("x").ToJson());

        var progress = AssessmentProgress.Compute(Version(), new Dictionary<string, AnswerValue> { ["iso"] = AnswerValue.OfText("on our trust portal") });
        Assert.Equal(["iso"], progress.MissingRequiredKeys);
        Assert.Equal(0, progress.Answered);
    }

    [Fact]
    public void An_expired_document_on_a_must_not_be_expired_request_is_listed_and_scores_zero()
    {
        var version = Version();
        var expired = Guid.NewGuid();
        var valid = Guid.NewGuid();
        var oldPolicy = Guid.NewGuid();
        var items = new Dictionary<Guid, EvidenceItem>
        {
            [expired] = new(expired, EvidenceDocumentType.Iso27001Certificate, Today.AddDays(-1)),
            [valid] = new(valid, EvidenceDocumentType.Iso27001Certificate, Today),
            [oldPolicy] = new(oldPolicy, EvidenceDocumentType.Policy, Today.AddYears(-2)),
        };
        var values = new Dictionary<string, AnswerValue>
        {
            ["iso"] = AnswerValue.Empty.WithEvidence(expired),
            ["policy"] = AnswerValue.Empty.WithEvidence(oldPolicy),
        };

        var progress = AssessmentProgress.Compute(version, values, items, Today);
        Assert.Equal(2, progress.Answered);
        Assert.Empty(progress.MissingRequiredKeys);
        Assert.Equal(["iso"], progress.ExpiredEvidenceKeys);
        var score = QuestionnaireScorer.Score(version, AssessmentProgress.DomainAnswers(version, values, items), Today);
        Assert.Equal(0m, score.Questions.Single(q => q.QuestionKey == "iso").Score);
        // The policy request does not demand validity: an expired policy still scores, but only ExpiredEvidenceScore.
        Assert.Equal(QuestionnaireScorer.ExpiredEvidenceScore, score.Questions.Single(q => q.QuestionKey == "policy").Score);

        // Without knowing what the versions are, nothing is judged expired (and nothing scores).
        Assert.Empty(AssessmentProgress.Compute(version, values).ExpiredEvidenceKeys);

        values["iso"] = values["iso"].WithoutEvidence(expired).WithEvidence(valid);
        progress = AssessmentProgress.Compute(version, values, items, Today);
        Assert.Empty(progress.ExpiredEvidenceKeys);
        Assert.Equal(100m, QuestionnaireScorer.Score(version, AssessmentProgress.DomainAnswers(version, values, items), Today).Questions.Single(q => q.QuestionKey == "iso").Score);
    }
}
