using System.Globalization;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Web.Features.Questionnaires;

/// <summary>One line of the guided condition builder: question, operator, value.</summary>
public sealed class ConditionRule
{
    public string? QuestionKey { get; set; }

    public ConditionOperator Operator { get; set; } = ConditionOperator.Equals;

    public string? OptionKey { get; set; }

    public IReadOnlyCollection<string> OptionKeys { get; set; } = [];

    public decimal? Number { get; set; }

    /// <summary>The operators that make sense for a question of this type.</summary>
    public static IReadOnlyList<ConditionOperator> OperatorsFor(QuestionType type) => type switch
    {
        QuestionType.YesNo or QuestionType.YesNoPartialNa or QuestionType.SingleChoice or QuestionType.MultipleChoice =>
            [ConditionOperator.Equals, ConditionOperator.NotEquals, ConditionOperator.AnyOf, ConditionOperator.IsAnswered],
        QuestionType.Number => [ConditionOperator.NumberAtLeast, ConditionOperator.NumberAtMost, ConditionOperator.IsAnswered],
        _ => [ConditionOperator.IsAnswered],
    };

    /// <summary>Null while the rule is incomplete (no question, no value).</summary>
    public ConditionDocument? ToDocument() => QuestionKey is null
        ? null
        : Operator switch
        {
            ConditionOperator.Equals or ConditionOperator.NotEquals when OptionKey is not null =>
                new ConditionDocument(Question: QuestionKey, Operator: Operator, Value: OptionKey),
            ConditionOperator.AnyOf when OptionKeys.Count > 0 =>
                new ConditionDocument(Question: QuestionKey, Operator: Operator, Values: OptionKeys.ToList()),
            ConditionOperator.NumberAtLeast or ConditionOperator.NumberAtMost when Number is not null =>
                new ConditionDocument(Question: QuestionKey, Operator: Operator, Number: Number),
            ConditionOperator.IsAnswered => new ConditionDocument(Question: QuestionKey, Operator: Operator),
            _ => null,
        };

    public static ConditionRule From(ConditionDocument test) => new()
    {
        QuestionKey = test.Question,
        Operator = test.Operator ?? ConditionOperator.Equals,
        OptionKey = test.Value,
        OptionKeys = test.Values?.ToList() ?? [],
        Number = test.Number,
    };
}

/// <summary>
/// The editable form of a question's condition in the guided builder: answer tests joined by
/// "all" or "any". Conditions with nested groups (possible through import) are shown as they are
/// and replaced only when the user starts a new one.
/// </summary>
public sealed class ConditionDraft
{
    public bool MatchAll { get; set; } = true;

    public List<ConditionRule> Rules { get; } = [];

    /// <summary>The imported condition had nested groups the builder does not edit.</summary>
    public bool IsAdvanced { get; private set; }

    public ConditionDocument? Advanced { get; private set; }

    public static ConditionDraft From(ConditionDocument? condition)
    {
        var draft = new ConditionDraft();
        if (condition is null)
        {
            return draft;
        }

        if (condition.Question is not null)
        {
            draft.Rules.Add(ConditionRule.From(condition));
            return draft;
        }

        var children = condition.All ?? condition.Any ?? [];
        if (children.Any(c => c.Question is null))
        {
            draft.IsAdvanced = true;
            draft.Advanced = condition;
            return draft;
        }

        draft.MatchAll = condition.All is not null;
        draft.Rules.AddRange(children.Select(ConditionRule.From));
        return draft;
    }

    /// <summary>Drops an imported advanced condition so the builder can start afresh.</summary>
    public void StartOver()
    {
        IsAdvanced = false;
        Advanced = null;
        Rules.Clear();
    }

    /// <summary>The condition to save: null when there is no complete rule (always shown).</summary>
    public ConditionDocument? ToDocument()
    {
        if (IsAdvanced)
        {
            return Advanced;
        }

        var tests = Rules.Select(r => r.ToDocument()).OfType<ConditionDocument>().ToList();
        return tests.Count switch
        {
            0 => null,
            1 => tests[0],
            _ => MatchAll ? new ConditionDocument(All: tests) : new ConditionDocument(Any: tests),
        };
    }

    /// <summary>A short human reading of a condition, e.g. "remote = yes and hours ≥ 4".</summary>
    public static string Describe(ConditionDocument? condition, string and, string or)
    {
        if (condition is null)
        {
            return string.Empty;
        }

        if (condition.All is { } all)
        {
            return string.Join($" {and} ", all.Select(c => Wrap(c, and, or)));
        }

        if (condition.Any is { } any)
        {
            return string.Join($" {or} ", any.Select(c => Wrap(c, and, or)));
        }

        return condition.Operator switch
        {
            ConditionOperator.Equals => $"{condition.Question} = {condition.Value}",
            ConditionOperator.NotEquals => $"{condition.Question} ≠ {condition.Value}",
            ConditionOperator.AnyOf => $"{condition.Question} ∈ {{{string.Join(", ", condition.Values ?? [])}}}",
            ConditionOperator.NumberAtLeast => $"{condition.Question} ≥ {condition.Number?.ToString(CultureInfo.CurrentCulture)}",
            ConditionOperator.NumberAtMost => $"{condition.Question} ≤ {condition.Number?.ToString(CultureInfo.CurrentCulture)}",
            _ => $"{condition.Question} ✓",
        };
    }

    private static string Wrap(ConditionDocument condition, string and, string or) =>
        condition.Question is null ? $"({Describe(condition, and, or)})" : Describe(condition, and, or);
}
