namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// The JSON exchange format of a template version (export/import, built-in content, version
/// control). Documented in docs/questionnaire-json.md. Sections hold their subsections and
/// questions, in display order.
/// </summary>
public sealed record TemplateDocument(
    string Format,
    int FormatVersion,
    LocalizedText Name,
    IReadOnlyList<SectionDocument> Sections,
    LocalizedText? Description = null)
{
    public const string FormatName = "vendorrisk-questionnaire";
    public const int CurrentFormatVersion = 1;
}

public sealed record SectionDocument(
    string Key,
    LocalizedText Title,
    LocalizedText? Description = null,
    ConditionDocument? VisibleWhen = null,
    IReadOnlyList<QuestionDocument>? Questions = null,
    IReadOnlyList<SectionDocument>? Sections = null);

public sealed record QuestionDocument(
    string Key,
    QuestionType Type,
    LocalizedText Text,
    LocalizedText? Help = null,
    bool Required = false,
    decimal Weight = 1m,
    bool Critical = false,
    IReadOnlyList<OptionDocument>? Options = null,
    NumberDocument? Number = null,
    EvidenceDocument? Evidence = null,
    ConditionDocument? VisibleWhen = null,
    IReadOnlyList<ControlMappingDocument>? Controls = null);

/// <summary>An option: a <see cref="Score"/> 0–100, or <see cref="NotApplicable"/> true (never both, never neither).</summary>
public sealed record OptionDocument(string Key, LocalizedText Label, int? Score = null, bool? NotApplicable = null);

public sealed record NumberDocument(
    string? Unit = null,
    decimal? Min = null,
    decimal? Max = null,
    IReadOnlyList<ScoreBandDocument>? ScoreBands = null);

public sealed record ScoreBandDocument(int Score, decimal? Min = null, decimal? Max = null);

public sealed record EvidenceDocument(IReadOnlyList<EvidenceType> Types, bool MustNotBeExpired = false);

public sealed record ControlMappingDocument(string Framework, string Id);

/// <summary>
/// A condition: either a group (<see cref="All"/> = And, <see cref="Any"/> = Or) or an answer test
/// (<see cref="Question"/> with <see cref="Operator"/> and its operand: <see cref="Value"/> for
/// equals/notEquals, <see cref="Values"/> for anyOf, <see cref="Number"/> for numberAtLeast/numberAtMost).
/// </summary>
public sealed record ConditionDocument(
    IReadOnlyList<ConditionDocument>? All = null,
    IReadOnlyList<ConditionDocument>? Any = null,
    string? Question = null,
    ConditionOperator? Operator = null,
    string? Value = null,
    IReadOnlyList<string>? Values = null,
    decimal? Number = null);
