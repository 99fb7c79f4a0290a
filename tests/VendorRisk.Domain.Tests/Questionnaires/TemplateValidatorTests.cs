using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class TemplateValidatorTests
{
    private static IReadOnlyList<TemplateValidationError> Validate(TemplateVersion version) =>
        TemplateValidator.Validate(version, ControlCatalogue.Default);

    private static void AssertSingleError(TemplateVersion version, string key, string code)
    {
        var error = Assert.Single(Validate(version));
        Assert.Equal(code, error.Code);
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void A_complete_version_has_no_error()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.EqualTo("a", "yes"));
        Assert.Empty(Validate(draft));
    }

    [Fact]
    public void A_version_without_question_cannot_be_published()
    {
        var draft = NewTemplate().Draft!;
        var error = Assert.Single(Validate(draft));
        Assert.Equal(TemplateValidationCodes.NoQuestion, error.Code);
    }

    [Fact]
    public void Keys_are_unique_across_sections_and_questions()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddYesNo("a");
        draft.AddYesNo("s1");
        var errors = Validate(draft);
        Assert.Equal(2, errors.Count(e => e.Code == TemplateValidationCodes.DuplicateKey));
        Assert.Contains(errors, e => e.Key == "a");
        Assert.Contains(errors, e => e.Key == "s1");
    }

    [Theory]
    [InlineData("Has Space")]
    [InlineData("UPPER")]
    [InlineData("-leading-dash")]
    public void Keys_follow_the_key_pattern(string key)
    {
        var draft = NewDraft();
        draft.AddYesNo(key);
        AssertSingleError(draft, key, TemplateValidationCodes.InvalidKey);
    }

    [Fact]
    public void A_condition_on_a_deleted_question_is_reported_on_the_dependent_question()
    {
        var draft = NewDraft();
        draft.AddYesNo("hosting");
        draft.AddYesNo("hds").SetVisibleWhen(AnswerCondition.EqualTo("hosting", "yes"));
        draft.RemoveQuestion("hosting");

        AssertSingleError(draft, "hds", TemplateValidationCodes.UnknownQuestionReference);
    }

    [Fact]
    public void A_section_condition_on_an_unknown_question_is_reported_on_the_section()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.FindSection("s1")!.SetVisibleWhen(AnswerCondition.Answered("ghost"));
        AssertSingleError(draft, "s1", TemplateValidationCodes.UnknownQuestionReference);
    }

    [Fact]
    public void A_loop_between_two_questions_is_reported()
    {
        var draft = NewDraft();
        draft.AddYesNo("a").SetVisibleWhen(AnswerCondition.EqualTo("b", "yes"));
        draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.EqualTo("a", "yes"));

        var error = Assert.Single(Validate(draft));
        Assert.Equal(TemplateValidationCodes.Cycle, error.Code);
        Assert.Contains("a → b → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_through_a_section_condition_is_reported()
    {
        // The section is shown when q answers yes, but q is inside that section.
        var draft = NewDraft();
        draft.AddYesNo("q");
        draft.FindSection("s1")!.SetVisibleWhen(AnswerCondition.EqualTo("q", "yes"));

        var error = Assert.Single(Validate(draft));
        Assert.Equal(TemplateValidationCodes.Cycle, error.Code);
    }

    [Fact]
    public void A_long_loop_across_2000_questions_is_found()
    {
        var draft = NewDraft();
        for (var i = 0; i < 2000; i++)
        {
            draft.AddYesNo($"q{i}").SetVisibleWhen(AnswerCondition.EqualTo($"q{(i + 1) % 2000}", "yes"));
        }

        var error = Assert.Single(Validate(draft));
        Assert.Equal(TemplateValidationCodes.Cycle, error.Code);
    }

    [Fact]
    public void A_question_cannot_depend_on_itself()
    {
        var draft = NewDraft();
        draft.AddYesNo("a").SetVisibleWhen(AnswerCondition.EqualTo("a", "yes"));
        Assert.Contains(Validate(draft), e => e.Code == TemplateValidationCodes.SelfReference && e.Key == "a");
    }

    [Fact]
    public void A_number_test_on_a_yes_no_question_is_incompatible()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.AtLeast("a", 3));
        AssertSingleError(draft, "b", TemplateValidationCodes.IncompatibleOperator);
    }

    [Fact]
    public void An_option_test_on_a_number_question_is_incompatible()
    {
        var draft = NewDraft();
        draft.AddNumber("n");
        draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.EqualTo("n", "3"));
        AssertSingleError(draft, "b", TemplateValidationCodes.IncompatibleOperator);
    }

    [Fact]
    public void A_number_test_on_a_number_question_is_accepted()
    {
        var draft = NewDraft();
        draft.AddNumber("n");
        draft.AddYesNo("b").SetVisibleWhen(Condition.All(AnswerCondition.AtLeast("n", 3), AnswerCondition.AtMost("n", 9)));
        Assert.Empty(Validate(draft));
    }

    [Fact]
    public void A_condition_on_an_option_the_question_does_not_offer_is_reported()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.OneOf("a", "yes", "maybe"));
        AssertSingleError(draft, "b", TemplateValidationCodes.UnknownOptionReference);
    }

    [Fact]
    public void Choice_questions_need_options()
    {
        var draft = NewDraft();
        draft.AddChoice("single", QuestionType.SingleChoice, ("only", 100));
        draft.AddChoice("multi", QuestionType.MultipleChoice);
        var errors = Validate(draft);
        Assert.Contains(errors, e => e.Key == "single" && e.Code == TemplateValidationCodes.MissingOptions);
        Assert.Contains(errors, e => e.Key == "multi" && e.Code == TemplateValidationCodes.MissingOptions);
    }

    [Fact]
    public void Yes_no_questions_keep_their_fixed_options()
    {
        var draft = NewDraft();
        draft.AddYesNo("a").SetOptions([new AnswerOption("yes", Text("Yes"), 100), new AnswerOption("maybe", Text("Maybe"), 50)]);
        AssertSingleError(draft, "a", TemplateValidationCodes.MissingOptions);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Option_scores_are_between_0_and_100(int score)
    {
        var draft = NewDraft();
        draft.AddYesNo("a").SetOptionScore("yes", score);
        AssertSingleError(draft, "a", TemplateValidationCodes.ScoreOutOfRange);
    }

    [Fact]
    public void Weights_cannot_be_negative()
    {
        var draft = NewDraft();
        draft.AddYesNo("a").SetWeight(-0.5m);
        AssertSingleError(draft, "a", TemplateValidationCodes.NegativeWeight);
    }

    [Fact]
    public void A_number_range_must_not_be_inverted()
    {
        var draft = NewDraft();
        draft.AddNumber("n", min: 10, max: 1);
        AssertSingleError(draft, "n", TemplateValidationCodes.InvalidRange);
    }

    [Fact]
    public void An_evidence_request_names_at_least_one_evidence_type()
    {
        var draft = NewDraft();
        draft.AddQuestion("s1", "proof", QuestionType.EvidenceRequest, Text("Certificate")).AddControlMapping(Mfa);
        AssertSingleError(draft, "proof", TemplateValidationCodes.MissingEvidenceType);
    }

    [Fact]
    public void A_critical_question_must_be_scorable()
    {
        var draft = NewDraft();
        var question = draft.AddQuestion("s1", "notes", QuestionType.FreeText, Text("Notes"));
        question.AddControlMapping(Mfa);
        question.SetCritical(true);
        AssertSingleError(draft, "notes", TemplateValidationCodes.CriticalNotScorable);
    }

    [Fact]
    public void Every_control_mapping_must_exist_in_the_catalogue()
    {
        var draft = NewDraft();
        draft.AddYesNo("a").AddControlMapping(new ControlMapping(ControlCatalogue.Iso27001, "A.9.9"));
        var error = Assert.Single(Validate(draft));
        Assert.Equal(TemplateValidationCodes.UnknownControl, error.Code);
        Assert.Contains("A.9.9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_need_both_languages()
    {
        var draft = NewDraft();
        draft.AddYesNo("a").SetText(new LocalizedText("Question en français", ""));
        draft.AddYesNo("b").SetHelpText(new LocalizedText("", "Help in English only"));
        var errors = Validate(draft);
        Assert.Equal(2, errors.Count(e => e.Code == TemplateValidationCodes.MissingText));
    }

    [Fact]
    public void An_empty_section_is_reported()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddSection("empty", Text("Empty"));
        AssertSingleError(draft, "empty", TemplateValidationCodes.EmptySection);
    }
}
