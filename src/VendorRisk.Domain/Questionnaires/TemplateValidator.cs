using System.Text.RegularExpressions;
using VendorRisk.Domain.Controls;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>One problem that prevents publishing, with the key of the question or section it concerns.</summary>
public sealed record TemplateValidationError(string? Key, string Code, string Message)
{
    public override string ToString() => Key is null ? Message : $"{Key}: {Message}";
}

/// <summary>Stable codes of <see cref="TemplateValidationError"/>, for the editor and the tests.</summary>
public static class TemplateValidationCodes
{
    public const string NoQuestion = "template.no-question";
    public const string InvalidKey = "key.invalid";
    public const string DuplicateKey = "key.duplicate";
    public const string MissingText = "text.missing-language";
    public const string UnknownParentSection = "section.unknown-parent";
    public const string NestedTooDeep = "section.nested-too-deep";
    public const string EmptySection = "section.empty";
    public const string UnknownSection = "question.unknown-section";
    public const string NegativeWeight = "question.negative-weight";
    public const string MissingOptions = "question.missing-options";
    public const string UnexpectedOptions = "question.unexpected-options";
    public const string DuplicateOption = "option.duplicate";
    public const string ScoreOutOfRange = "option.score-out-of-range";
    public const string InvalidRange = "number.invalid-range";
    public const string MissingEvidenceType = "evidence.missing-type";
    public const string CriticalNotScorable = "question.critical-not-scorable";
    public const string UnknownControl = "mapping.unknown-control";
    public const string UnknownQuestionReference = "condition.unknown-question";
    public const string SelfReference = "condition.self-reference";
    public const string IncompatibleOperator = "condition.incompatible-type";
    public const string UnknownOptionReference = "condition.unknown-option";
    public const string Cycle = "condition.cycle";
}

/// <summary>
/// Checks a version before it is published. A draft may be invalid while it is edited; a
/// published version must be complete and consistent because assessments, scores and findings
/// rely on it for years. Returns every error, not just the first.
/// </summary>
public static partial class TemplateValidator
{
    public static IReadOnlyList<TemplateValidationError> Validate(TemplateVersion version, ControlCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(catalogue);

        var errors = new List<TemplateValidationError>();
        void Error(string? key, string code, string message) => errors.Add(new TemplateValidationError(key, code, message));

        if (version.Questions.Count == 0)
        {
            Error(null, TemplateValidationCodes.NoQuestion, "A published questionnaire needs at least one question.");
        }

        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in version.Sections.Select(s => s.Key).Concat(version.Questions.Select(q => q.Key)))
        {
            if (!KeyPattern().IsMatch(key))
            {
                Error(key, TemplateValidationCodes.InvalidKey, "A key uses 1 to 64 lower-case letters, digits, '-', '_' or '.', starting with a letter or digit.");
            }

            if (!seenKeys.Add(key))
            {
                Error(key, TemplateValidationCodes.DuplicateKey, "This key is used more than once (keys are unique across sections and questions).");
            }
        }

        ValidateSections(version, Error);
        foreach (var question in version.Questions)
        {
            ValidateQuestion(version, question, catalogue, Error);
        }

        foreach (var section in version.Sections.Where(s => s.VisibleWhen is not null))
        {
            ValidateCondition(version, section.Key, null, section.VisibleWhen!, Error);
        }

        foreach (var question in version.Questions.Where(q => q.VisibleWhen is not null))
        {
            ValidateCondition(version, question.Key, question, question.VisibleWhen!, Error);
        }

        var graph = VisibilityGraph.Build(version);
        foreach (var cycle in graph.Sort().Cycles)
        {
            var keys = cycle.Select(graph.KeyOf).ToList();
            Error(keys[0], TemplateValidationCodes.Cycle, $"Conditions form a loop: {string.Join(" → ", keys)}.");
        }

        return errors;
    }

    private static void ValidateSections(TemplateVersion version, Action<string?, string, string> error)
    {
        foreach (var section in version.Sections)
        {
            if (!section.Title.IsComplete)
            {
                error(section.Key, TemplateValidationCodes.MissingText, "The section title needs French and English.");
            }

            if (section.Description is { IsComplete: false } description && !IsBlank(description))
            {
                error(section.Key, TemplateValidationCodes.MissingText, "The section description needs French and English.");
            }

            if (section.ParentKey is not null)
            {
                var parent = version.FindSection(section.ParentKey);
                if (parent is null)
                {
                    error(section.Key, TemplateValidationCodes.UnknownParentSection, $"The parent section {section.ParentKey} does not exist.");
                }
                else if (parent.ParentKey is not null)
                {
                    error(section.Key, TemplateValidationCodes.NestedTooDeep, "Sections nest one level only.");
                }
            }

            var hasContent = version.Questions.Any(q => q.SectionKey == section.Key) || version.Sections.Any(s => s.ParentKey == section.Key);
            if (!hasContent)
            {
                error(section.Key, TemplateValidationCodes.EmptySection, "The section has no question.");
            }
        }
    }

    private static void ValidateQuestion(TemplateVersion version, Question question, ControlCatalogue catalogue, Action<string?, string, string> error)
    {
        var key = question.Key;
        if (version.FindSection(question.SectionKey) is null)
        {
            error(key, TemplateValidationCodes.UnknownSection, $"The section {question.SectionKey} does not exist.");
        }

        if (!question.Text.IsComplete)
        {
            error(key, TemplateValidationCodes.MissingText, "The question text needs French and English.");
        }

        if (question.HelpText is { IsComplete: false } help && !IsBlank(help))
        {
            error(key, TemplateValidationCodes.MissingText, "The help text needs French and English.");
        }

        if (question.Weight < 0)
        {
            error(key, TemplateValidationCodes.NegativeWeight, "The weight cannot be negative.");
        }

        ValidateOptions(question, error);

        if (question.Type == QuestionType.Number)
        {
            if (question.Minimum is { } min && question.Maximum is { } max && min > max)
            {
                error(key, TemplateValidationCodes.InvalidRange, $"The minimum {min} is above the maximum {max}.");
            }

            foreach (var band in question.ScoreBands)
            {
                if (band.Score is < 0 or > 100)
                {
                    error(key, TemplateValidationCodes.ScoreOutOfRange, $"A score band gives {band.Score}; scores are 0 to 100.");
                }

                if (band.Minimum is { } bandMin && band.Maximum is { } bandMax && bandMin > bandMax)
                {
                    error(key, TemplateValidationCodes.InvalidRange, $"A score band goes from {bandMin} down to {bandMax}.");
                }
            }
        }
        else if (question.ScoreBands.Count > 0 || question.Minimum is not null || question.Maximum is not null)
        {
            error(key, TemplateValidationCodes.InvalidRange, "Only number questions have a range or score bands.");
        }

        if (question.Type == QuestionType.EvidenceRequest && question.EvidenceTypes.Count == 0)
        {
            error(key, TemplateValidationCodes.MissingEvidenceType, "An evidence request names at least one evidence type.");
        }

        if (question.IsCritical && !IsScorable(question))
        {
            error(key, TemplateValidationCodes.CriticalNotScorable, "A critical question must be scored: a weight above 0 and a type with scores.");
        }

        foreach (var mapping in question.ControlMappings)
        {
            if (!catalogue.Exists(mapping.Framework, mapping.ControlId))
            {
                error(key, TemplateValidationCodes.UnknownControl, $"Control {mapping.Framework} {mapping.ControlId} is not in the catalogue.");
            }
        }
    }

    private static void ValidateOptions(Question question, Action<string?, string, string> error)
    {
        var key = question.Key;
        if (!question.IsChoice)
        {
            if (question.Options.Count > 0)
            {
                error(key, TemplateValidationCodes.UnexpectedOptions, $"A {question.Type} question has no options.");
            }

            return;
        }

        string[]? fixedKeys = question.Type switch
        {
            QuestionType.YesNo => [Question.Yes, Question.No],
            QuestionType.YesNoPartialNa => [Question.Yes, Question.Partial, Question.No, Question.NotApplicableKey],
            _ => null,
        };
        if (fixedKeys is not null)
        {
            if (!question.Options.Select(o => o.Key).Order(StringComparer.Ordinal).SequenceEqual(fixedKeys.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                error(key, TemplateValidationCodes.MissingOptions, $"A {question.Type} question has exactly the options {string.Join(", ", fixedKeys)}.");
            }
        }
        else if (question.Options.Count < 2)
        {
            error(key, TemplateValidationCodes.MissingOptions, "A choice question needs at least two options.");
        }

        var optionKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in question.Options)
        {
            if (!optionKeys.Add(option.Key))
            {
                error(key, TemplateValidationCodes.DuplicateOption, $"Option {option.Key} appears twice.");
            }

            if (option.Score is < 0 or > 100)
            {
                error(key, TemplateValidationCodes.ScoreOutOfRange, $"Option {option.Key} scores {option.Score}; scores are 0 to 100 or not applicable.");
            }

            if (!option.Label.IsComplete)
            {
                error(key, TemplateValidationCodes.MissingText, $"The label of option {option.Key} needs French and English.");
            }
        }
    }

    private static void ValidateCondition(TemplateVersion version, string ownerKey, Question? owner, Condition condition, Action<string?, string, string> error)
    {
        foreach (var test in condition.AnswerTests())
        {
            if (owner is not null && test.QuestionKey == owner.Key)
            {
                error(ownerKey, TemplateValidationCodes.SelfReference, "A question cannot depend on its own answer.");
                continue;
            }

            var target = version.FindQuestion(test.QuestionKey);
            if (target is null)
            {
                error(ownerKey, TemplateValidationCodes.UnknownQuestionReference, $"The condition refers to question {test.QuestionKey}, which does not exist (deleted or renamed?).");
                continue;
            }

            var compatible = test.Operator switch
            {
                ConditionOperator.Equals or ConditionOperator.NotEquals or ConditionOperator.AnyOf => target.IsChoice,
                ConditionOperator.NumberAtLeast or ConditionOperator.NumberAtMost => target.Type == QuestionType.Number,
                _ => true,
            };
            if (!compatible)
            {
                error(ownerKey, TemplateValidationCodes.IncompatibleOperator, $"Operator {test.Operator} cannot test question {target.Key}, which is of type {target.Type}.");
                continue;
            }

            foreach (var value in test.Values.Where(v => target.FindOption(v) is null))
            {
                error(ownerKey, TemplateValidationCodes.UnknownOptionReference, $"The condition refers to option {value}, which question {target.Key} does not offer.");
            }
        }
    }

    /// <summary>Whether the question can ever contribute a score (see <see cref="QuestionnaireScorer"/>).</summary>
    internal static bool IsScorable(Question question) =>
        question.Weight > 0 && question.Type switch
        {
            QuestionType.FreeText or QuestionType.Date => false,
            QuestionType.Number => question.ScoreBands.Count > 0,
            QuestionType.EvidenceRequest => true,
            _ => question.Options.Any(o => o.Score is not null),
        };

    private static bool IsBlank(LocalizedText text) => string.IsNullOrWhiteSpace(text.Fr) && string.IsNullOrWhiteSpace(text.En);

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
