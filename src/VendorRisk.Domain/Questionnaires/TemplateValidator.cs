using System.Globalization;
using System.Text.RegularExpressions;
using VendorRisk.Domain.Controls;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>One problem that prevents publishing, with the key of the question or section it concerns.</summary>
public sealed record TemplateValidationError(string? Key, string Code, string Message)
{
    /// <summary>Which message this is (several messages share a code): the UI shows the resource <c>TemplateError_{MessageId}</c>.</summary>
    public string MessageId { get; init; } = Code;

    /// <summary>The message's arguments, formatted with the invariant culture, for the localised text.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Two errors are equal when they say the same thing (the arguments compared item by item).</summary>
    public bool Equals(TemplateValidationError? other) =>
        other is not null && Key == other.Key && Code == other.Code && Message == other.Message
        && MessageId == other.MessageId && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Key, Code, Message, MessageId);

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
    /// <summary>Receives one error: its code, the id of its message (resource <c>TemplateError_{id}</c>), the English composite format and its arguments.</summary>
    private delegate void ErrorSink(string? key, string code, string messageId, string format, params string[] args);

    private static string Inv(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    public static IReadOnlyList<TemplateValidationError> Validate(TemplateVersion version, ControlCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(catalogue);

        var errors = new List<TemplateValidationError>();
        void Error(string? key, string code, string messageId, string format, params string[] args) =>
            errors.Add(new TemplateValidationError(key, code, string.Format(CultureInfo.InvariantCulture, format, args)) { MessageId = messageId, Arguments = args });

        if (version.Questions.Count == 0)
        {
            Error(null, TemplateValidationCodes.NoQuestion, "NoQuestion", "A published questionnaire needs at least one question.");
        }

        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in version.Sections.Select(s => s.Key).Concat(version.Questions.Select(q => q.Key)))
        {
            if (!KeyPattern().IsMatch(key))
            {
                Error(key, TemplateValidationCodes.InvalidKey, "InvalidKey", "A key uses 1 to 64 lower-case letters, digits, '-', '_' or '.', starting with a letter or digit.");
            }

            if (!seenKeys.Add(key))
            {
                Error(key, TemplateValidationCodes.DuplicateKey, "DuplicateKey", "This key is used more than once (keys are unique across sections and questions).");
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
            Error(keys[0], TemplateValidationCodes.Cycle, "Cycle", "Conditions form a loop: {0}.", Inv(string.Join(" → ", keys)));
        }

        return errors;
    }

    private static void ValidateSections(TemplateVersion version, ErrorSink error)
    {
        foreach (var section in version.Sections)
        {
            if (!section.Title.IsComplete)
            {
                error(section.Key, TemplateValidationCodes.MissingText, "MissingText1", "The section title needs French and English.");
            }

            if (section.Description is { IsComplete: false } description && !IsBlank(description))
            {
                error(section.Key, TemplateValidationCodes.MissingText, "MissingText2", "The section description needs French and English.");
            }

            if (section.ParentKey is not null)
            {
                var parent = version.FindSection(section.ParentKey);
                if (parent is null)
                {
                    error(section.Key, TemplateValidationCodes.UnknownParentSection, "UnknownParentSection", "The parent section {0} does not exist.", Inv(section.ParentKey));
                }
                else if (parent.ParentKey is not null)
                {
                    error(section.Key, TemplateValidationCodes.NestedTooDeep, "NestedTooDeep", "Sections nest one level only.");
                }
            }

            var hasContent = version.Questions.Any(q => q.SectionKey == section.Key) || version.Sections.Any(s => s.ParentKey == section.Key);
            if (!hasContent)
            {
                error(section.Key, TemplateValidationCodes.EmptySection, "EmptySection", "The section has no question.");
            }
        }
    }

    private static void ValidateQuestion(TemplateVersion version, Question question, ControlCatalogue catalogue, ErrorSink error)
    {
        var key = question.Key;
        if (version.FindSection(question.SectionKey) is null)
        {
            error(key, TemplateValidationCodes.UnknownSection, "UnknownSection", "The section {0} does not exist.", Inv(question.SectionKey));
        }

        if (!question.Text.IsComplete)
        {
            error(key, TemplateValidationCodes.MissingText, "MissingText3", "The question text needs French and English.");
        }

        if (question.HelpText is { IsComplete: false } help && !IsBlank(help))
        {
            error(key, TemplateValidationCodes.MissingText, "MissingText4", "The help text needs French and English.");
        }

        if (question.Weight < 0)
        {
            error(key, TemplateValidationCodes.NegativeWeight, "NegativeWeight", "The weight cannot be negative.");
        }

        ValidateOptions(question, error);

        if (question.Type == QuestionType.Number)
        {
            if (question.Minimum is { } min && question.Maximum is { } max && min > max)
            {
                error(key, TemplateValidationCodes.InvalidRange, "InvalidRange1", "The minimum {0} is above the maximum {1}.", Inv(min), Inv(max));
            }

            foreach (var band in question.ScoreBands)
            {
                if (band.Score is < 0 or > 100)
                {
                    error(key, TemplateValidationCodes.ScoreOutOfRange, "ScoreOutOfRange1", "A score band gives {0}; scores are 0 to 100.", Inv(band.Score));
                }

                if (band.Minimum is { } bandMin && band.Maximum is { } bandMax && bandMin > bandMax)
                {
                    error(key, TemplateValidationCodes.InvalidRange, "InvalidRange2", "A score band goes from {0} down to {1}.", Inv(bandMin), Inv(bandMax));
                }
            }
        }
        else if (question.ScoreBands.Count > 0 || question.Minimum is not null || question.Maximum is not null)
        {
            error(key, TemplateValidationCodes.InvalidRange, "InvalidRange3", "Only number questions have a range or score bands.");
        }

        if (question.Type == QuestionType.EvidenceRequest && question.EvidenceTypes.Count == 0)
        {
            error(key, TemplateValidationCodes.MissingEvidenceType, "MissingEvidenceType", "An evidence request names at least one evidence type.");
        }

        if (question.IsCritical && !IsScorable(question))
        {
            error(key, TemplateValidationCodes.CriticalNotScorable, "CriticalNotScorable", "A critical question must be scored: a weight above 0 and a type with scores.");
        }

        foreach (var mapping in question.ControlMappings)
        {
            if (!catalogue.Exists(mapping.Framework, mapping.ControlId))
            {
                error(key, TemplateValidationCodes.UnknownControl, "UnknownControl", "Control {0} {1} is not in the catalogue.", Inv(mapping.Framework), Inv(mapping.ControlId));
            }
        }
    }

    private static void ValidateOptions(Question question, ErrorSink error)
    {
        var key = question.Key;
        if (!question.IsChoice)
        {
            if (question.Options.Count > 0)
            {
                error(key, TemplateValidationCodes.UnexpectedOptions, "UnexpectedOptions", "A {0} question has no options.", Inv(question.Type));
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
                error(key, TemplateValidationCodes.MissingOptions, "MissingOptions1", "A {0} question has exactly the options {1}.", Inv(question.Type), Inv(string.Join(", ", fixedKeys)));
            }
        }
        else if (question.Options.Count < 2)
        {
            error(key, TemplateValidationCodes.MissingOptions, "MissingOptions2", "A choice question needs at least two options.");
        }

        var optionKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in question.Options)
        {
            if (!optionKeys.Add(option.Key))
            {
                error(key, TemplateValidationCodes.DuplicateOption, "DuplicateOption", "Option {0} appears twice.", Inv(option.Key));
            }

            if (option.Score is < 0 or > 100)
            {
                error(key, TemplateValidationCodes.ScoreOutOfRange, "ScoreOutOfRange2", "Option {0} scores {1}; scores are 0 to 100 or not applicable.", Inv(option.Key), Inv(option.Score));
            }

            if (!option.Label.IsComplete)
            {
                error(key, TemplateValidationCodes.MissingText, "MissingText5", "The label of option {0} needs French and English.", Inv(option.Key));
            }
        }
    }

    private static void ValidateCondition(TemplateVersion version, string ownerKey, Question? owner, Condition condition, ErrorSink error)
    {
        foreach (var test in condition.AnswerTests())
        {
            if (owner is not null && test.QuestionKey == owner.Key)
            {
                error(ownerKey, TemplateValidationCodes.SelfReference, "SelfReference", "A question cannot depend on its own answer.");
                continue;
            }

            var target = version.FindQuestion(test.QuestionKey);
            if (target is null)
            {
                error(ownerKey, TemplateValidationCodes.UnknownQuestionReference, "UnknownQuestionReference", "The condition refers to question {0}, which does not exist (deleted or renamed?).", Inv(test.QuestionKey));
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
                error(ownerKey, TemplateValidationCodes.IncompatibleOperator, "IncompatibleOperator", "Operator {0} cannot test question {1}, which is of type {2}.", Inv(test.Operator), Inv(target.Key), Inv(target.Type));
                continue;
            }

            foreach (var value in test.Values.Where(v => target.FindOption(v) is null))
            {
                error(ownerKey, TemplateValidationCodes.UnknownOptionReference, "UnknownOptionReference", "The condition refers to option {0}, which question {1} does not offer.", Inv(value), Inv(target.Key));
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

    /// <summary>Whether <paramref name="key"/> has the form of a section, question or option key (what publish requires).</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
