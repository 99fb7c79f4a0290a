using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class QuestionnaireScorerTests
{
    /// <summary>The worked example of docs/scoring.md, "Questionnaire score".</summary>
    private static TemplateVersion WorkedExample()
    {
        var draft = NewDraft();
        var mfa = draft.AddChoice("mfa-remote", QuestionType.SingleChoice, ("all", 100), ("some", 25), ("none", 0));
        mfa.SetWeight(3);
        mfa.SetCritical(true);
        draft.AddQuestion("s1", "shared-accounts", QuestionType.YesNoPartialNa, Text("No shared accounts?")).SetWeight(2);
        draft.AddNumber("log-retention", 0, 3650, new NumberScoreBand(365, null, 100), new NumberScoreBand(180, null, 70), new NumberScoreBand(null, null, 0));
        draft.AddQuestion("s1", "soc2", QuestionType.YesNoPartialNa, Text("SOC 2?"));
        draft.AddChoice("hosting", QuestionType.SingleChoice, ("on-premises", null), ("hds", 100)).SetWeight(0);
        var certificate = draft.AddQuestion("s1", "hds-certificate", QuestionType.EvidenceRequest, Text("HDS certificate"));
        certificate.SetEvidenceRequest([EvidenceType.HdsCertificate], true);
        certificate.SetWeight(2);
        certificate.SetVisibleWhen(AnswerCondition.EqualTo("hosting", "hds"));
        draft.AddQuestion("s1", "notes", QuestionType.FreeText, Text("Notes"));
        return draft;
    }

    private static Dictionary<string, Answer> WorkedExampleAnswers() => Answers(
        ("mfa-remote", Choice("some")),
        ("shared-accounts", Choice("yes")),
        ("log-retention", new NumberAnswer(200)),
        ("soc2", Choice("na")),
        ("hosting", Choice("on-premises")),
        ("hds-certificate", new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.HdsCertificate, null))));

    [Fact]
    public void Worked_example_weighted_mean_is_57_5_then_capped_at_40_by_the_critical_gap()
    {
        var result = QuestionnaireScorer.Score(WorkedExample(), WorkedExampleAnswers(), Today);

        Assert.Equal(57.5m, result.RawScore);
        Assert.Equal(40m, result.Score);
        Assert.True(result.CriticalCapApplied);
        Assert.Equal(6m, result.ScoredWeight);
        var gap = Assert.Single(result.CriticalGaps);
        Assert.Equal("mfa-remote", gap.QuestionKey);
        Assert.Equal(25m, gap.Score);
        Assert.Equal(["some"], gap.SelectedOptionKeys);
    }

    [Fact]
    public void Worked_example_explains_every_question()
    {
        var result = QuestionnaireScorer.Score(WorkedExample(), WorkedExampleAnswers(), Today);
        var byKey = result.Questions.ToDictionary(q => q.QuestionKey);

        Assert.Equal((QuestionScoreStatus.Scored, 25m, 3m, 12.5m), (byKey["mfa-remote"].Status, byKey["mfa-remote"].Score, byKey["mfa-remote"].Weight, byKey["mfa-remote"].Points));
        Assert.Equal((QuestionScoreStatus.Scored, 100m, 33.33m), (byKey["shared-accounts"].Status, byKey["shared-accounts"].Score, byKey["shared-accounts"].Points));
        Assert.Equal((QuestionScoreStatus.Scored, 70m, 11.67m), (byKey["log-retention"].Status, byKey["log-retention"].Score, byKey["log-retention"].Points));
        Assert.Equal(QuestionScoreStatus.NotApplicable, byKey["soc2"].Status);
        Assert.Equal(QuestionScoreStatus.NotApplicable, byKey["hosting"].Status);
        Assert.Equal(QuestionScoreStatus.Hidden, byKey["hds-certificate"].Status);
        Assert.Equal(QuestionScoreStatus.Unanswered, byKey["notes"].Status);
        Assert.Equal(0m, byKey["soc2"].Points);
        Assert.InRange(result.Questions.Sum(q => q.Points), 57.49m, 57.51m);
    }

    [Fact]
    public void Worked_example_completion_counts_visible_questions_only()
    {
        var result = QuestionnaireScorer.Score(WorkedExample(), WorkedExampleAnswers(), Today);
        Assert.Equal(6, result.VisibleQuestionCount);
        Assert.Equal(5, result.AnsweredQuestionCount);
        Assert.Equal(83.3m, result.CompletionPercent);
    }

    [Fact]
    public void Without_the_critical_gap_the_weighted_mean_is_the_score()
    {
        var answers = WorkedExampleAnswers();
        answers["mfa-remote"] = Choice("all");
        var result = QuestionnaireScorer.Score(WorkedExample(), answers, Today);

        // (3×100 + 2×100 + 1×70) / 6 = 95
        Assert.Equal(95m, result.Score);
        Assert.False(result.CriticalCapApplied);
        Assert.Empty(result.CriticalGaps);
    }

    [Fact]
    public void The_cap_never_raises_a_score_already_below_it()
    {
        var answers = WorkedExampleAnswers();
        answers["mfa-remote"] = Choice("none");
        answers["shared-accounts"] = Choice("no");
        answers["log-retention"] = new NumberAnswer(10);
        var result = QuestionnaireScorer.Score(WorkedExample(), answers, Today);

        Assert.Equal(0m, result.Score);
        Assert.False(result.CriticalCapApplied);
        Assert.Single(result.CriticalGaps);
    }

    [Fact]
    public void Showing_the_hidden_question_brings_its_weight_into_the_mean()
    {
        var answers = WorkedExampleAnswers();
        answers["mfa-remote"] = Choice("all");
        answers["hosting"] = Choice("hds");
        var result = QuestionnaireScorer.Score(WorkedExample(), answers, Today);

        // (300 + 200 + 70 + 2×100) / 8 = 96.25 → 96.3
        Assert.Equal(96.3m, result.Score);
        Assert.Equal(8m, result.ScoredWeight);
    }

    [Fact]
    public void An_expired_document_scores_0_when_the_request_demands_validity()
    {
        var answers = WorkedExampleAnswers();
        answers["mfa-remote"] = Choice("all");
        answers["hosting"] = Choice("hds");
        answers["hds-certificate"] = new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.HdsCertificate, Today.AddDays(-1)));
        var result = QuestionnaireScorer.Score(WorkedExample(), answers, Today);

        Assert.Equal(0m, result.Questions.Single(q => q.QuestionKey == "hds-certificate").Score);
        Assert.Equal(71.3m, result.Score); // (300 + 200 + 70 + 0) / 8 = 71.25
    }

    [Fact]
    public void A_document_of_another_type_does_not_satisfy_the_request()
    {
        var answers = WorkedExampleAnswers();
        answers["hosting"] = Choice("hds");
        answers["hds-certificate"] = new EvidenceAnswer(new EvidenceItem(Guid.NewGuid(), EvidenceDocumentType.Policy, null));
        var result = QuestionnaireScorer.Score(WorkedExample(), answers, Today);
        Assert.Equal(0m, result.Questions.Single(q => q.QuestionKey == "hds-certificate").Score);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(49, true)]
    public void A_critical_answer_is_a_gap_strictly_below_50(int score, bool gap)
    {
        var draft = NewDraft();
        var question = draft.AddChoice("c", QuestionType.SingleChoice, ("x", score), ("y", 100));
        question.SetCritical(true);
        var result = QuestionnaireScorer.Score(draft, Answers(("c", Choice("x"))), Today);
        Assert.Equal(gap, result.CriticalGaps.Count == 1);
    }

    [Fact]
    public void An_unanswered_critical_question_is_not_a_gap_but_is_listed_as_required()
    {
        var draft = NewDraft();
        var critical = draft.AddYesNo("mfa", critical: true);
        critical.SetRequired(true);
        draft.AddYesNo("other");
        var result = QuestionnaireScorer.Score(draft, Answers(("other", Choice("yes"))), Today);

        Assert.Empty(result.CriticalGaps);
        Assert.Equal(100m, result.Score);
        Assert.Equal(["mfa"], result.UnansweredRequiredQuestionKeys);
        Assert.Equal(50m, result.CompletionPercent);
    }

    [Fact]
    public void A_hidden_critical_question_is_not_a_gap_even_with_a_stale_bad_answer()
    {
        var draft = NewDraft();
        draft.AddYesNo("remote-access");
        draft.AddYesNo("mfa", critical: true).SetVisibleWhen(AnswerCondition.EqualTo("remote-access", "yes"));
        var result = QuestionnaireScorer.Score(draft, Answers(("remote-access", Choice("no")), ("mfa", Choice("no"))), Today);

        Assert.Empty(result.CriticalGaps);
        Assert.Equal(0m, result.Score); // "remote-access" answered no scores 0 by default
        Assert.Equal(QuestionScoreStatus.Hidden, result.Questions.Single(q => q.QuestionKey == "mfa").Status);
    }

    [Fact]
    public void Multiple_choice_sums_the_selected_scores_capped_at_100()
    {
        var draft = NewDraft();
        draft.AddChoice("m", QuestionType.MultipleChoice, ("a", 40), ("b", 40), ("c", 40), ("none", 0), ("na", null));

        decimal? ScoreOf(params string[] keys) => QuestionnaireScorer.Score(draft, Answers(("m", Choice(keys))), Today).Score;

        Assert.Equal(80m, ScoreOf("a", "b"));
        Assert.Equal(100m, ScoreOf("a", "b", "c"));
        Assert.Equal(40m, ScoreOf("a", "na"));
        Assert.Null(ScoreOf("na"));
    }

    [Fact]
    public void Weights_change_the_mean()
    {
        var draft = NewDraft();
        draft.AddYesNo("heavy", weight: 4);
        draft.AddYesNo("light", weight: 1);
        var result = QuestionnaireScorer.Score(draft, Answers(("heavy", Choice("yes")), ("light", Choice("no"))), Today);
        Assert.Equal(80m, result.Score);
    }

    [Fact]
    public void A_weight_of_0_makes_an_answered_question_informational()
    {
        var draft = NewDraft();
        draft.AddYesNo("info", weight: 0);
        draft.AddYesNo("real");
        var result = QuestionnaireScorer.Score(draft, Answers(("info", Choice("no")), ("real", Choice("yes"))), Today);
        Assert.Equal(100m, result.Score);
        Assert.Equal(QuestionScoreStatus.Informational, result.Questions[0].Status);
        Assert.Equal(100m, result.CompletionPercent);
    }

    [Fact]
    public void No_scored_answer_gives_no_score_rather_than_zero()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        var result = QuestionnaireScorer.Score(draft, Answers(), Today);
        Assert.Null(result.Score);
        Assert.Null(result.RawScore);
        Assert.Equal(0m, result.CompletionPercent);
    }

    [Fact]
    public void Answers_that_do_not_fit_the_question_are_treated_as_unanswered()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddYesNo("b");
        draft.AddNumber("n", 0, 100, new NumberScoreBand(null, null, 100));
        var result = QuestionnaireScorer.Score(
            draft,
            Answers(("a", Choice("maybe")), ("b", new NumberAnswer(3)), ("n", new NumberAnswer(1000))),
            Today);

        Assert.All(result.Questions, q => Assert.Equal(QuestionScoreStatus.InvalidAnswer, q.Status));
        Assert.Null(result.Score);
    }

    [Fact]
    public void A_single_choice_answer_with_two_options_is_invalid()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        var result = QuestionnaireScorer.Score(draft, Answers(("a", Choice("yes", "no"))), Today);
        Assert.Equal(QuestionScoreStatus.InvalidAnswer, result.Questions[0].Status);
    }

    [Fact]
    public void A_number_outside_every_band_is_informational()
    {
        var draft = NewDraft();
        draft.AddNumber("n", null, null, new NumberScoreBand(0, 10, 100));
        var result = QuestionnaireScorer.Score(draft, Answers(("n", new NumberAnswer(11))), Today);
        Assert.Equal(QuestionScoreStatus.Informational, result.Questions[0].Status);
    }

    [Fact]
    public void Section_scores_include_subsections_and_ignore_the_cap()
    {
        var draft = NewDraft();
        draft.AddYesNo("a", critical: true);
        draft.AddSection("s1b", Text("Sub"), parentKey: "s1");
        draft.AddYesNo("b", "s1b");
        draft.AddSection("s2", Text("Other"));
        draft.AddYesNo("c", "s2", weight: 2);
        var result = QuestionnaireScorer.Score(draft, Answers(("a", Choice("no")), ("b", Choice("yes")), ("c", Choice("yes"))), Today);

        var sections = result.Sections.ToDictionary(s => s.SectionKey);
        Assert.Equal(50m, sections["s1"].Score);
        Assert.Equal(100m, sections["s1b"].Score);
        Assert.Equal(100m, sections["s2"].Score);
        Assert.Equal(1, sections["s1"].CriticalGapCount);
        Assert.Equal(75m, result.RawScore);
        Assert.Equal(40m, result.Score);
    }

    [Fact]
    public void Two_thousand_questions_are_scored_with_every_contribution()
    {
        var draft = NewDraft();
        var answers = Answers();
        for (var i = 0; i < 2000; i++)
        {
            draft.AddYesNo($"q{i}", weight: 1 + (i % 3));
            if (i > 0)
            {
                draft.FindQuestion($"q{i}")!.SetVisibleWhen(AnswerCondition.Answered($"q{i - 1}"));
            }

            answers[$"q{i}"] = Choice(i % 2 == 0 ? "yes" : "no");
        }

        var result = QuestionnaireScorer.Score(draft, answers, Today);

        Assert.Equal(2000, result.Questions.Count);
        Assert.All(result.Questions, q => Assert.Equal(QuestionScoreStatus.Scored, q.Status));
        var expected = Enumerable.Range(0, 2000).Where(i => i % 2 == 0).Sum(i => 100m * (1 + (i % 3)))
            / Enumerable.Range(0, 2000).Sum(i => (decimal)(1 + (i % 3)));
        Assert.Equal(Math.Round(expected, 1, MidpointRounding.AwayFromZero), result.Score);
    }
}
