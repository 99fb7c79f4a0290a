namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// When a question or a section is shown: a tree of answer tests combined with And/Or groups.
/// The depth of a tree is limited to <see cref="MaxDepth"/> and checked when a group is built, so
/// no condition that exists can exhaust the stack of the code that walks it (evaluation, JSON,
/// validation), whatever its origin (editor, import, hostile file).
/// </summary>
public abstract class Condition
{
    /// <summary>The deepest nesting allowed: a single answer test has depth 1.</summary>
    public const int MaxDepth = 16;

    private protected Condition()
    {
    }

    /// <summary>1 for an answer test, 1 + the deepest child for a group.</summary>
    public abstract int Depth { get; }

    /// <summary>Every answer test of the tree, depth first, without recursion.</summary>
    public IEnumerable<AnswerCondition> AnswerTests()
    {
        var stack = new Stack<Condition>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case AnswerCondition test:
                    yield return test;
                    break;
                case ConditionGroup group:
                    for (var i = group.Conditions.Count - 1; i >= 0; i--)
                    {
                        stack.Push(group.Conditions[i]);
                    }

                    break;
            }
        }
    }

    public static ConditionGroup All(params Condition[] conditions) => new(ConditionGroupOperator.And, conditions);

    public static ConditionGroup Any(params Condition[] conditions) => new(ConditionGroupOperator.Or, conditions);
}

public enum ConditionGroupOperator
{
    And = 1,
    Or = 2,
}

public enum ConditionOperator
{
    /// <summary>A choice answer includes the option (for multiple choice: among the selected options).</summary>
    Equals = 1,

    /// <summary>A choice answer was given and does not include the option.</summary>
    NotEquals = 2,

    /// <summary>A choice answer includes at least one of the options.</summary>
    AnyOf = 3,

    /// <summary>A number answer is greater than or equal to the number.</summary>
    NumberAtLeast = 4,

    /// <summary>A number answer is less than or equal to the number.</summary>
    NumberAtMost = 5,

    /// <summary>The question has a non-empty answer, of any type.</summary>
    IsAnswered = 6,
}

/// <summary>An And/Or group of conditions (at least one).</summary>
public sealed class ConditionGroup : Condition
{
    public ConditionGroup(ConditionGroupOperator @operator, IEnumerable<Condition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (!Enum.IsDefined(@operator))
        {
            throw QuestionnaireErrors.Invalid("ConditionUnknownGroupOperator", "Unknown condition group operator {0}.", @operator);
        }

        var list = conditions.ToList();
        if (list.Count == 0)
        {
            throw QuestionnaireErrors.Invalid("ConditionGroupEmpty", "A condition group needs at least one condition.");
        }

        var deepest = 0;
        foreach (var condition in list)
        {
            ArgumentNullException.ThrowIfNull(condition, nameof(conditions));
            deepest = Math.Max(deepest, condition.Depth);
        }

        if (deepest + 1 > MaxDepth)
        {
            throw new ConditionTooDeepException(
                $"Conditions may be nested at most {MaxDepth} levels deep; this group would be {deepest + 1} levels deep.");
        }

        Operator = @operator;
        Conditions = list.AsReadOnly();
        Depth = deepest + 1;
    }

    public ConditionGroupOperator Operator { get; }

    public IReadOnlyList<Condition> Conditions { get; }

    public override int Depth { get; }
}

/// <summary>A test on the answer to one question, identified by its stable key.</summary>
public sealed class AnswerCondition : Condition
{
    public AnswerCondition(string questionKey, ConditionOperator @operator, IEnumerable<string>? values = null, decimal? number = null)
    {
        if (string.IsNullOrWhiteSpace(questionKey))
        {
            throw QuestionnaireErrors.Invalid("ConditionNoQuestion", "A condition names the question it tests.");
        }

        var list = values?.ToList() ?? [];
        if (list.Exists(string.IsNullOrWhiteSpace))
        {
            throw QuestionnaireErrors.Invalid("ConditionEmptyValue", "A condition value cannot be empty.");
        }

        var expected = @operator switch
        {
            ConditionOperator.Equals or ConditionOperator.NotEquals => list.Count == 1 && number is null,
            ConditionOperator.AnyOf => list.Count >= 1 && number is null,
            ConditionOperator.NumberAtLeast or ConditionOperator.NumberAtMost => list.Count == 0 && number is not null,
            ConditionOperator.IsAnswered => list.Count == 0 && number is null,
            _ => throw QuestionnaireErrors.Invalid("ConditionUnknownOperator", "Unknown condition operator {0}.", @operator),
        };
        if (!expected)
        {
            throw @operator switch
            {
                ConditionOperator.Equals or ConditionOperator.NotEquals => QuestionnaireErrors.Invalid("ConditionNeedsOneOption", "The condition on {0} compares its answer with exactly one option.", questionKey),
                ConditionOperator.AnyOf => QuestionnaireErrors.Invalid("ConditionNeedsOptions", "The condition on {0} needs one or more options.", questionKey),
                ConditionOperator.NumberAtLeast or ConditionOperator.NumberAtMost => QuestionnaireErrors.Invalid("ConditionNeedsNumber", "The condition on {0} compares its answer with a number (and no option).", questionKey),
                _ => QuestionnaireErrors.Invalid("ConditionNoOperand", "The condition on {0} only tests that it is answered (no option or number).", questionKey),
            };
        }

        QuestionKey = questionKey;
        Operator = @operator;
        Values = list.AsReadOnly();
        Number = number;
    }

    public string QuestionKey { get; }

    public ConditionOperator Operator { get; }

    /// <summary>Option keys compared by Equals, NotEquals and AnyOf.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The bound of NumberAtLeast and NumberAtMost.</summary>
    public decimal? Number { get; }

    public override int Depth => 1;

    public static AnswerCondition EqualTo(string questionKey, string optionKey) => new(questionKey, ConditionOperator.Equals, [optionKey]);

    public static AnswerCondition NotEqualTo(string questionKey, string optionKey) => new(questionKey, ConditionOperator.NotEquals, [optionKey]);

    public static AnswerCondition OneOf(string questionKey, params string[] optionKeys) => new(questionKey, ConditionOperator.AnyOf, optionKeys);

    public static AnswerCondition AtLeast(string questionKey, decimal number) => new(questionKey, ConditionOperator.NumberAtLeast, number: number);

    public static AnswerCondition AtMost(string questionKey, decimal number) => new(questionKey, ConditionOperator.NumberAtMost, number: number);

    public static AnswerCondition Answered(string questionKey) => new(questionKey, ConditionOperator.IsAnswered);

}

/// <summary>A condition tree deeper than <see cref="Condition.MaxDepth"/> was built or imported.</summary>
public sealed class ConditionTooDeepException : ArgumentException, IQuestionnaireImportFailure
{
    public ConditionTooDeepException()
    {
    }

    public ConditionTooDeepException(string message)
        : base(message)
    {
    }

    public ConditionTooDeepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The localisable form: the nesting limit.</summary>
    public QuestionnaireImportError ImportError =>
        QuestionnaireImportError.Of("ConditionTooDeep", "Conditions may be nested at most {0} levels deep.", Condition.MaxDepth);
}
