using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class ConditionEvaluatorTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    public void Equals_matches_the_selected_option(string answer, bool expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(AnswerCondition.EqualTo("q1", "yes"), Answers(("q1", Choice(answer)))));

    [Theory]
    [InlineData("yes", false)]
    [InlineData("no", true)]
    public void NotEquals_is_true_for_a_different_answer(string answer, bool expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(AnswerCondition.NotEqualTo("q1", "yes"), Answers(("q1", Choice(answer)))));

    [Fact]
    public void NotEquals_is_false_while_the_question_is_unanswered() =>
        Assert.False(ConditionEvaluator.Evaluate(AnswerCondition.NotEqualTo("q1", "yes"), Answers()));

    [Fact]
    public void Equals_on_a_multiple_choice_answer_means_among_the_selected_options()
    {
        var answers = Answers(("q1", Choice("a", "c")));
        Assert.True(ConditionEvaluator.Evaluate(AnswerCondition.EqualTo("q1", "c"), answers));
        Assert.False(ConditionEvaluator.Evaluate(AnswerCondition.EqualTo("q1", "b"), answers));
    }

    [Theory]
    [InlineData("b", true)]
    [InlineData("c", true)]
    [InlineData("a", false)]
    public void AnyOf_matches_any_listed_option(string answer, bool expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(AnswerCondition.OneOf("q1", "b", "c"), Answers(("q1", Choice(answer)))));

    [Theory]
    [InlineData(71, true)]
    [InlineData(72, true)]
    [InlineData(73, false)]
    public void NumberAtMost_includes_the_bound(int hours, bool expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(AnswerCondition.AtMost("delay", 72), Answers(("delay", new NumberAnswer(hours)))));

    [Theory]
    [InlineData(9.99, false)]
    [InlineData(10, true)]
    [InlineData(250, true)]
    public void NumberAtLeast_includes_the_bound(decimal value, bool expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(AnswerCondition.AtLeast("n", 10), Answers(("n", new NumberAnswer(value)))));

    [Fact]
    public void A_number_test_on_a_choice_answer_is_false() =>
        Assert.False(ConditionEvaluator.Evaluate(AnswerCondition.AtLeast("q1", 0), Answers(("q1", Choice("yes")))));

    [Fact]
    public void IsAnswered_ignores_empty_answers()
    {
        var condition = AnswerCondition.Answered("q1");
        Assert.True(ConditionEvaluator.Evaluate(condition, Answers(("q1", new TextAnswer("ISO 27001 since 2019")))));
        Assert.False(ConditionEvaluator.Evaluate(condition, Answers(("q1", new TextAnswer("  ")))));
        Assert.False(ConditionEvaluator.Evaluate(condition, Answers(("q1", Choice()))));
        Assert.False(ConditionEvaluator.Evaluate(condition, Answers()));
    }

    [Fact]
    public void A_reference_to_a_missing_question_is_simply_false() =>
        Assert.False(ConditionEvaluator.Evaluate(AnswerCondition.EqualTo("ghost", "yes"), Answers(("q1", Choice("yes")))));

    [Fact]
    public void And_and_Or_groups_combine_and_nest()
    {
        var condition = Condition.Any(
            Condition.All(AnswerCondition.EqualTo("a", "yes"), AnswerCondition.AtLeast("n", 5)),
            AnswerCondition.EqualTo("b", "yes"));

        Assert.True(ConditionEvaluator.Evaluate(condition, Answers(("a", Choice("yes")), ("n", new NumberAnswer(5)))));
        Assert.False(ConditionEvaluator.Evaluate(condition, Answers(("a", Choice("yes")), ("n", new NumberAnswer(4)))));
        Assert.True(ConditionEvaluator.Evaluate(condition, Answers(("b", Choice("yes")))));
        Assert.False(ConditionEvaluator.Evaluate(condition, Answers()));
    }

    [Fact]
    public void Building_a_condition_10000_levels_deep_fails_clearly_at_the_depth_limit()
    {
        Condition condition = AnswerCondition.EqualTo("q1", "yes");
        var built = 1;
        var ex = Assert.Throws<ConditionTooDeepException>(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                condition = Condition.All(condition);
                built++;
            }
        });

        Assert.Equal(Condition.MaxDepth, built);
        Assert.Contains($"at most {Condition.MaxDepth}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(("ConditionTooDeep", Condition.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)), (ex.ImportError.MessageId, ex.ImportError.Arguments[0]));
    }

    [Fact]
    public void A_condition_at_the_depth_limit_evaluates()
    {
        Condition condition = AnswerCondition.EqualTo("q1", "yes");
        for (var i = 1; i < Condition.MaxDepth; i++)
        {
            condition = i % 2 == 0 ? Condition.All(condition) : Condition.Any(condition, AnswerCondition.EqualTo("never", "x"));
        }

        Assert.Equal(Condition.MaxDepth, condition.Depth);
        Assert.True(ConditionEvaluator.Evaluate(condition, Answers(("q1", Choice("yes")))));
    }

    [Fact]
    public void A_wide_group_of_100000_tests_evaluates_without_recursion_trouble()
    {
        var tests = Enumerable.Range(0, 100_000).Select(i => (Condition)AnswerCondition.EqualTo($"q{i}", "yes")).ToList();
        var group = new ConditionGroup(ConditionGroupOperator.Or, tests);
        Assert.True(ConditionEvaluator.Evaluate(group, Answers(("q99999", Choice("yes")))));
        Assert.Equal(100_000, group.AnswerTests().Count());
    }

    [Theory]
    [InlineData(ConditionOperator.Equals, "ConditionNeedsOneOption")]
    [InlineData(ConditionOperator.AnyOf, "ConditionNeedsOptions")]
    [InlineData(ConditionOperator.NumberAtLeast, "ConditionNeedsNumber")]
    public void An_answer_test_without_its_operand_is_refused(ConditionOperator op, string messageId)
    {
        // An ArgumentException (callers handle it so) carrying a message id the UI shows in its language.
        ArgumentException ex = Assert.Throws<QuestionnaireFormatException>(() => new AnswerCondition("q1", op));
        var error = Assert.IsType<QuestionnaireFormatException>(ex).ImportError;
        Assert.Equal(messageId, error.MessageId);
        Assert.Equal(["q1"], error.Arguments);
    }

    [Fact]
    public void An_empty_group_is_refused() =>
        Assert.Equal("ConditionGroupEmpty", Assert.Throws<QuestionnaireFormatException>(() => Condition.All()).ImportError.MessageId);

    [Fact]
    public void An_empty_condition_value_is_refused() =>
        Assert.Equal("ConditionEmptyValue", Assert.Throws<QuestionnaireFormatException>(() => AnswerCondition.OneOf("q1", "yes", " ")).ImportError.MessageId);

    [Fact]
    public void A_question_in_a_hidden_section_is_hidden()
    {
        var draft = NewDraft();
        draft.AddYesNo("hosted");
        draft.AddSection("s2", Text("Hosting")).SetVisibleWhen(AnswerCondition.EqualTo("hosted", "yes"));
        draft.AddYesNo("hds", "s2");

        var hidden = ConditionEvaluator.ComputeVisibility(draft, Answers(("hosted", Choice("no"))));
        var shown = ConditionEvaluator.ComputeVisibility(draft, Answers(("hosted", Choice("yes"))));

        Assert.False(hidden.IsSectionVisible("s2"));
        Assert.False(hidden.IsQuestionVisible("hds"));
        Assert.True(shown.IsQuestionVisible("hds"));
    }

    [Fact]
    public void A_subsection_of_a_hidden_section_is_hidden()
    {
        var draft = NewDraft();
        draft.AddYesNo("gate");
        draft.AddSection("s2", Text("Parent")).SetVisibleWhen(AnswerCondition.EqualTo("gate", "yes"));
        draft.AddSection("s2a", Text("Child"), parentKey: "s2");
        draft.AddYesNo("inner", "s2a");

        var visibility = ConditionEvaluator.ComputeVisibility(draft, Answers(("gate", Choice("no"))));

        Assert.False(visibility.IsSectionVisible("s2a"));
        Assert.False(visibility.IsQuestionVisible("inner"));
    }

    [Fact]
    public void The_answer_of_a_hidden_question_does_not_show_its_dependants()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.EqualTo("a", "yes"));
        draft.AddYesNo("c").SetVisibleWhen(AnswerCondition.EqualTo("b", "yes"));

        // "b" was answered yes earlier, then "a" changed to no: "b" is hidden, so "c" must be too.
        var visibility = ConditionEvaluator.ComputeVisibility(draft, Answers(("a", Choice("no")), ("b", Choice("yes"))));

        Assert.False(visibility.IsQuestionVisible("b"));
        Assert.False(visibility.IsQuestionVisible("c"));
    }

    [Fact]
    public void A_chain_of_2000_dependent_questions_is_evaluated_in_one_pass()
    {
        var draft = NewDraft();
        draft.AddYesNo("q0");
        var answers = Answers(("q0", Choice("yes")));
        for (var i = 1; i < 2000; i++)
        {
            // Declared in reverse dependency order on purpose: evaluation must not rely on declaration order.
            draft.AddYesNo($"q{i}").SetVisibleWhen(AnswerCondition.EqualTo($"q{i - 1}", "yes"));
            answers[$"q{i}"] = Choice(i == 1500 ? "no" : "yes");
        }

        var visibility = ConditionEvaluator.ComputeVisibility(draft, answers);

        Assert.True(visibility.IsQuestionVisible("q1500"));
        Assert.False(visibility.IsQuestionVisible("q1501"));
        Assert.False(visibility.IsQuestionVisible("q1999"));
        Assert.Equal(1501, visibility.VisibleQuestionKeys.Count);
    }

    [Fact]
    public void Two_thousand_questions_with_mixed_conditions_are_all_decided()
    {
        var draft = NewDraft();
        draft.AddYesNo("root");
        draft.AddNumber("size");
        for (var i = 0; i < 2000; i++)
        {
            draft.AddYesNo($"q{i}").SetVisibleWhen(i % 3 == 0
                ? AnswerCondition.EqualTo("root", "yes")
                : Condition.Any(AnswerCondition.AtLeast("size", i), AnswerCondition.EqualTo($"q{i - (i % 3)}", "yes")));
        }

        var answers = Answers(("root", Choice("yes")), ("size", new NumberAnswer(1000)));
        for (var i = 0; i < 2000; i += 3)
        {
            answers[$"q{i}"] = Choice(i < 600 ? "yes" : "no");
        }

        var visibility = ConditionEvaluator.ComputeVisibility(draft, answers);

        Assert.True(visibility.IsQuestionVisible("q1200"));   // root = yes
        Assert.True(visibility.IsQuestionVisible("q1000"));   // size 1000 >= 1000
        Assert.True(visibility.IsQuestionVisible("q302"));    // q300 = yes
        Assert.False(visibility.IsQuestionVisible("q1001"));  // size too small and q999 = no
        Assert.False(visibility.IsQuestionVisible("q1999"));  // size too small and q1998 = no
    }

    [Fact]
    public void A_loop_between_conditions_is_reported_instead_of_looping()
    {
        var draft = NewDraft();
        draft.AddYesNo("a").SetVisibleWhen(AnswerCondition.EqualTo("b", "yes"));
        draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.EqualTo("a", "yes"));

        var ex = Assert.Throws<ConditionCycleException>(() => ConditionEvaluator.ComputeVisibility(draft, Answers()));
        Assert.Equal("ConditionCycle", ex.ImportError.MessageId);
        Assert.Contains("a", Assert.Single(ex.ImportError.Arguments), StringComparison.Ordinal);
        Assert.Contains("b", ex.ImportError.Arguments[0], StringComparison.Ordinal);
    }
}
