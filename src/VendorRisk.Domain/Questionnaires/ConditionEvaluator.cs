namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// Decides which questions and sections a vendor sees, from the answers given so far. Pure: no
/// state, no I/O.
/// </summary>
/// <remarks>
/// Rules:
/// <list type="bullet">
/// <item>An answer test is false when the referenced question is unanswered, hidden, unknown, or
/// answered with another kind of answer; <c>NotEquals</c> is therefore true only for a given,
/// different answer.</item>
/// <item>Answers to hidden questions are ignored: hiding a question also hides whatever depends on it,
/// so stale answers never show or score anything.</item>
/// <item>A question is visible only when its section (and the parent section) is visible.</item>
/// <item>Depth is bounded by <see cref="Condition.MaxDepth"/>; the dependency walk is iterative; a
/// loop between conditions raises <see cref="ConditionCycleException"/> (publish refuses loops).</item>
/// </list>
/// </remarks>
public static class ConditionEvaluator
{
    public static bool Evaluate(Condition condition, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Evaluate(condition, key => answers.GetValueOrDefault(key));
    }

    public static bool Evaluate(Condition condition, Func<string, Answer?> answerOf)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(answerOf);
        return condition switch
        {
            AnswerCondition test => Test(test, answerOf(test.QuestionKey)),
            ConditionGroup { Operator: ConditionGroupOperator.And } group => group.Conditions.All(c => Evaluate(c, answerOf)),
            ConditionGroup group => group.Conditions.Any(c => Evaluate(c, answerOf)),
            _ => throw new ArgumentException($"Unknown condition type {condition.GetType().Name}.", nameof(condition)),
        };
    }

    /// <exception cref="ConditionCycleException">Conditions depend on each other in a loop.</exception>
    public static QuestionnaireVisibility ComputeVisibility(TemplateVersion version, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(answers);

        var graph = VisibilityGraph.Build(version);
        var (order, cycles) = graph.Sort();
        if (cycles.Count > 0)
        {
            var loop = string.Join(" → ", cycles[0].Select(graph.KeyOf));
            throw new ConditionCycleException(QuestionnaireImportError.Of("ConditionCycle", "Conditions form a loop ({0}); visibility cannot be decided.", loop));
        }

        var visible = new bool[graph.NodeCount];
        Answer? VisibleAnswer(string key) =>
            graph.QuestionNodes.TryGetValue(key, out var node) && visible[node] ? answers.GetValueOrDefault(key) : null;

        foreach (var node in order)
        {
            var shown = graph.Dependencies[node]
                .Where(graph.IsSection)
                .All(containerNode => visible[containerNode]);
            var condition = graph.ConditionOf(node);
            visible[node] = shown && (condition is null || Evaluate(condition, VisibleAnswer));
        }

        var sections = new HashSet<string>(StringComparer.Ordinal);
        var questions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, node) in graph.SectionNodes)
        {
            if (visible[node])
            {
                sections.Add(key);
            }
        }

        foreach (var (key, node) in graph.QuestionNodes)
        {
            if (visible[node])
            {
                questions.Add(key);
            }
        }

        return new QuestionnaireVisibility(sections, questions);
    }

    private static bool Test(AnswerCondition test, Answer? answer)
    {
        if (answer is null || answer.IsEmpty)
        {
            return false;
        }

        return test.Operator switch
        {
            ConditionOperator.IsAnswered => true,
            ConditionOperator.Equals => answer is ChoiceAnswer choice && choice.OptionKeys.Contains(test.Values[0], StringComparer.Ordinal),
            ConditionOperator.NotEquals => answer is ChoiceAnswer choice && !choice.OptionKeys.Contains(test.Values[0], StringComparer.Ordinal),
            ConditionOperator.AnyOf => answer is ChoiceAnswer choice && choice.OptionKeys.Any(k => test.Values.Contains(k, StringComparer.Ordinal)),
            ConditionOperator.NumberAtLeast => answer is NumberAnswer number && number.Value >= test.Number,
            ConditionOperator.NumberAtMost => answer is NumberAnswer number && number.Value <= test.Number,
            _ => false,
        };
    }
}

/// <summary>The visible sections and questions for a set of answers.</summary>
public sealed class QuestionnaireVisibility
{
    private readonly HashSet<string> _sections;
    private readonly HashSet<string> _questions;

    internal QuestionnaireVisibility(HashSet<string> sections, HashSet<string> questions)
    {
        _sections = sections;
        _questions = questions;
    }

    public IReadOnlyCollection<string> VisibleQuestionKeys => _questions;

    public bool IsQuestionVisible(string key) => _questions.Contains(key);

    public bool IsSectionVisible(string key) => _sections.Contains(key);
}
