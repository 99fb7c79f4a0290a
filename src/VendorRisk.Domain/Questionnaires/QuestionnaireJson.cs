using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// Reads and writes <see cref="TemplateDocument"/> JSON and maps it to and from template versions.
/// Import is strict (unknown properties, missing required values, integer enums and nesting deeper
/// than <see cref="MaxJsonDepth"/> are refused) and reports the JSON path or question key at fault.
/// </summary>
public static class QuestionnaireJson
{
    /// <summary>Enough for sections, questions and <see cref="Condition.MaxDepth"/> levels of conditions.</summary>
    public const int MaxJsonDepth = 64;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        MaxDepth = MaxJsonDepth,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },

        // Exports are read by people and kept in version control: accented letters stay as they
        // are ("Sécurité", not "S\u00E9curit\u00E9"); HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly JsonSerializerOptions CompactOptions = new(Options) { WriteIndented = false };

    public static string Serialize(TemplateDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>A condition alone in the format's JSON (compact): how spreadsheets carry conditions.</summary>
    public static string SerializeCondition(ConditionDocument condition) => JsonSerializer.Serialize(condition, CompactOptions);

    /// <exception cref="QuestionnaireImportException">The text is not a condition in the format.</exception>
    public static ConditionDocument DeserializeCondition(string json)
    {
        try
        {
            var condition = JsonSerializer.Deserialize<ConditionDocument>(json, Options)
                ?? throw Fail("ConditionEmpty", "The condition is empty.");
            _ = ToCondition(condition);
            return condition;
        }
        catch (JsonException ex)
        {
            throw Fail(ex, "ConditionNotJson", "The condition is not valid JSON in the questionnaire format, at {0} (line {1}, position {2}). Details: {3}", JsonWhere(ex.Path), Position(ex.LineNumber), Position(ex.BytePositionInLine), ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw Wrap(ex, "ConditionInvalid", "The condition is invalid: {0}");
        }
    }

    /// <summary>Any part of a document in the format's JSON (compact), for comparisons.</summary>
    internal static string SerializeFragment<T>(T value) => JsonSerializer.Serialize(value, CompactOptions);

    /// <summary>The stored form of a version's content: <c>{"sections":[…]}</c>, compact.</summary>
    internal static string SerializeContent(TemplateVersion version)
    {
        var document = ToDocument(new LocalizedText(string.Empty, string.Empty), null, version);
        return JsonSerializer.Serialize(new VersionContent(document.Sections), CompactOptions);
    }

    internal static void FillContent(TemplateVersion version, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var stored = JsonSerializer.Deserialize<VersionContent>(content, Options)
            ?? throw new InvalidDataException("A stored questionnaire version has no content.");
        foreach (var section in stored.Sections)
        {
            AddSection(version, section, null, 0);
        }
    }

    /// <summary>Replaces every editable property of a question by those of <paramref name="document"/> (its key stays).</summary>
    /// <exception cref="QuestionnaireImportException">A value is invalid; the message names the question.</exception>
    /// <exception cref="PublishedVersionImmutableException">The question's version is not a draft.</exception>
    public static void Apply(Question question, QuestionDocument document)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            question.Version.EnsureEditable();
            if (document.Text is null)
            {
                throw Invalid("QuestionTextMissing", "A question has a text.");
            }

            question.ChangeType(document.Type);
            ApplyFields(question, document);
        }
        catch (ArgumentException ex)
        {
            throw Wrap(ex, "QuestionInvalid", "Question {0}: {1}", question.Key);
        }
    }

    /// <summary>The editable form of a question (the same record as in the JSON format).</summary>
    public static QuestionDocument ToDocument(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return ToQuestion(question);
    }

    /// <summary>A condition from its JSON form (the editor's condition builder produces this form).</summary>
    /// <exception cref="ArgumentException">The condition is malformed; the message says how.</exception>
    public static Condition ToCondition(ConditionDocument document) => FromCondition(document, 1);

    public static ConditionDocument ToDocument(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return ToCondition(condition);
    }

    /// <exception cref="QuestionnaireImportException">The text is not a valid questionnaire document.</exception>
    public static TemplateDocument Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        TemplateDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<TemplateDocument>(json, Options);
        }
        catch (JsonException ex)
        {
            throw Fail(ex, "JsonInvalid", "The questionnaire JSON is invalid at {0} (line {1}, position {2}). Details: {3}", JsonWhere(ex.Path), Position(ex.LineNumber), Position(ex.BytePositionInLine), ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw Wrap(ex, "JsonInvalidValue", "The questionnaire JSON holds an invalid value: {0}");
        }

        if (document is null)
        {
            throw Fail("JsonEmpty", "The questionnaire JSON is empty.");
        }

        if (document.Format != TemplateDocument.FormatName || document.FormatVersion != TemplateDocument.CurrentFormatVersion)
        {
            throw Fail("JsonWrongFormat", "This file is not a questionnaire in format {0} version {1}.", TemplateDocument.FormatName, TemplateDocument.CurrentFormatVersion);
        }

        return document;
    }

    /// <summary>The document of a version, with the template's name and description.</summary>
    public static TemplateDocument ToDocument(LocalizedText name, LocalizedText? description, TemplateVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var sections = version.OrderedSections();
        SectionDocument ToSection(Section section) => new(
            section.Key,
            section.Title,
            section.Description,
            section.VisibleWhen is null ? null : ToCondition(section.VisibleWhen),
            NullIfEmpty(version.QuestionsOf(section.Key).Select(ToQuestion).ToList()),
            NullIfEmpty(sections.Where(s => s.ParentKey == section.Key).Select(ToSection).ToList()));

        return new TemplateDocument(
            TemplateDocument.FormatName,
            TemplateDocument.CurrentFormatVersion,
            name,
            sections.Where(s => s.ParentKey is null).Select(ToSection).ToList(),
            description);
    }

    /// <summary>Adds the sections and questions of <paramref name="document"/> to an empty draft.</summary>
    /// <exception cref="QuestionnaireImportException">A value is invalid; the message names the section or question.</exception>
    public static void Fill(TemplateVersion draft, TemplateDocument document)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(document);
        if (draft.Sections.Count > 0 || draft.Questions.Count > 0)
        {
            throw new InvalidOperationException("Only an empty draft can be filled from a document.");
        }

        foreach (var section in document.Sections ?? [])
        {
            AddSection(draft, section, null, 0);
        }
    }

    private static void AddSection(TemplateVersion draft, SectionDocument document, string? parentKey, int level)
    {
        var where = document?.Key ?? NoKey;
        if (document is null || document.Key is null || document.Title is null)
        {
            throw Fail("SectionIncomplete", "Section {0}: a section has a key and a title.", where);
        }

        if (level > 0 && document.Sections is { Count: > 0 })
        {
            throw Fail("SectionTooDeep", "Section {0}: sections nest one level only.", where);
        }

        Section section;
        try
        {
            section = draft.AddSection(document.Key, document.Title, parentKey);
            section.SetDescription(document.Description);
            section.SetVisibleWhen(document.VisibleWhen is null ? null : FromCondition(document.VisibleWhen, 1));
        }
        catch (ArgumentException ex)
        {
            throw Wrap(ex, "SectionInvalid", "Section {0}: {1}", where);
        }

        foreach (var question in document.Questions ?? [])
        {
            AddQuestion(draft, section.Key, question);
        }

        foreach (var child in document.Sections ?? [])
        {
            AddSection(draft, child, section.Key, level + 1);
        }
    }

    private static void AddQuestion(TemplateVersion draft, string sectionKey, QuestionDocument document)
    {
        var where = document?.Key ?? NoKey;
        if (document is null || document.Key is null || document.Text is null)
        {
            throw Fail("QuestionIncomplete", "Question {0}: a question has a key, a type and a text.", where);
        }

        try
        {
            var question = draft.AddQuestion(sectionKey, document.Key, document.Type, document.Text);
            ApplyFields(question, document);
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
        {
            throw Wrap(ex, "QuestionInvalid", "Question {0}: {1}", where);
        }
    }

    private static void ApplyFields(Question question, QuestionDocument document)
    {
        question.SetText(document.Text);
        question.SetHelpText(document.Help);
        question.SetRequired(document.Required);
        question.SetWeight(document.Weight);
        question.SetCritical(document.Critical);
        if (document.Options is not null)
        {
            question.SetOptions(document.Options.Select(o => FromOption(o)));
        }

        var number = document.Number ?? new NumberDocument();
        question.SetNumberRange(number.Unit, number.Min, number.Max);
        question.SetScoreBands((number.ScoreBands ?? []).Select(b => new NumberScoreBand(b.Min, b.Max, b.Score)));
        var evidence = document.Evidence ?? new EvidenceDocument([]);
        question.SetEvidenceRequest(evidence.Types ?? [], evidence.MustNotBeExpired);

        question.SetVisibleWhen(document.VisibleWhen is null ? null : FromCondition(document.VisibleWhen, 1));
        question.SetControlMappings((document.Controls ?? []).Select(m => new ControlMapping(m.Framework, m.Id)));
    }

    private static AnswerOption FromOption(OptionDocument option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var notApplicable = option.NotApplicable == true;
        if (notApplicable == option.Score.HasValue)
        {
            throw Invalid("OptionScoreOrNotApplicable", "Option {0} needs either a score from 0 to 100 or \"notApplicable\": true (not both).", option.Key);
        }

        return new AnswerOption(option.Key, option.Label, option.Score);
    }

    private static Condition FromCondition(ConditionDocument document, int depth)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (depth > Condition.MaxDepth)
        {
            throw new ConditionTooDeepException(string.Format(CultureInfo.InvariantCulture, "Conditions may be nested at most {0} levels deep.", Condition.MaxDepth));
        }

        var shapes = (document.All is not null ? 1 : 0) + (document.Any is not null ? 1 : 0) + (document.Question is not null ? 1 : 0);
        if (shapes != 1)
        {
            throw Invalid("ConditionShape", "A condition is exactly one of: \"all\", \"any\" or a \"question\" test.");
        }

        if (document.All is not null || document.Any is not null)
        {
            if (document.Operator is not null || document.Value is not null || document.Values is not null || document.Number is not null)
            {
                throw Invalid("ConditionGroupOperand", "A condition group has no operator or operand.");
            }

            var children = (document.All ?? document.Any)!.Select(c => FromCondition(c, depth + 1)).ToList();
            return new ConditionGroup(document.All is not null ? ConditionGroupOperator.And : ConditionGroupOperator.Or, children);
        }

        if (document.Operator is not { } op)
        {
            throw Invalid("ConditionNoOperator", "The condition on {0} has no operator.", document.Question);
        }

        if (document.Value is not null && document.Values is not null)
        {
            throw Invalid("ConditionValueOrValues", "A condition has either \"value\" or \"values\".");
        }

        IEnumerable<string>? values = document.Value is not null ? [document.Value] : document.Values;
        if (op == ConditionOperator.AnyOf && document.Value is not null)
        {
            throw Invalid("ConditionAnyOfTakesValues", "Operator anyOf takes \"values\".");
        }

        if (op is ConditionOperator.Equals or ConditionOperator.NotEquals && document.Values is not null)
        {
            throw Invalid("ConditionTakesValue", "Operator {0} takes \"value\".", JsonNamingPolicy.CamelCase.ConvertName(op.ToString()));
        }

        return new AnswerCondition(document.Question!, op, values, document.Number);
    }

    private static ConditionDocument ToCondition(Condition condition) => condition switch
    {
        ConditionGroup { Operator: ConditionGroupOperator.And } group => new ConditionDocument(All: group.Conditions.Select(ToCondition).ToList()),
        ConditionGroup group => new ConditionDocument(Any: group.Conditions.Select(ToCondition).ToList()),
        AnswerCondition test => new ConditionDocument(
            Question: test.QuestionKey,
            Operator: test.Operator,
            Value: test.Operator is ConditionOperator.Equals or ConditionOperator.NotEquals ? test.Values[0] : null,
            Values: test.Operator == ConditionOperator.AnyOf ? test.Values : null,
            Number: test.Number),
        _ => throw new ArgumentException($"Unknown condition type {condition.GetType().Name}.", nameof(condition)),
    };

    private static QuestionDocument ToQuestion(Question question) => new(
        question.Key,
        question.Type,
        question.Text,
        question.HelpText,
        question.IsRequired,
        question.Weight,
        question.IsCritical,
        NullIfEmpty(question.Options.Select(o => new OptionDocument(o.Key, o.Label, o.Score, o.IsNotApplicable ? true : null)).ToList()),
        question.Type == QuestionType.Number || question.ScoreBands.Count > 0 || question.Minimum is not null || question.Maximum is not null || question.Unit is not null
            ? new NumberDocument(question.Unit, question.Minimum, question.Maximum, NullIfEmpty(question.ScoreBands.Select(b => new ScoreBandDocument(b.Score, b.Minimum, b.Maximum)).ToList()))
            : null,
        question.Type == QuestionType.EvidenceRequest || question.EvidenceTypes.Count > 0
            ? new EvidenceDocument(question.EvidenceTypes, question.EvidenceMustNotBeExpired)
            : null,
        question.VisibleWhen is null ? null : ToCondition(question.VisibleWhen),
        NullIfEmpty(question.ControlMappings.Select(m => new ControlMappingDocument(m.Framework, m.ControlId)).ToList()));

    private static List<T>? NullIfEmpty<T>(List<T> list) => list.Count == 0 ? null : list;

    // Import errors: an id (resource ImportError_{id}), the English format for logs, invariant arguments.
    private const string NoKey = "—";

    private static QuestionnaireImportException Fail(string messageId, string format, params object?[] args) =>
        new(QuestionnaireImportError.Of(messageId, format, args));

    private static QuestionnaireImportException Fail(Exception inner, string messageId, string format, params object?[] args) =>
        new(QuestionnaireImportError.Of(messageId, format, args), inner);

    /// <summary>Wraps a lower-level problem: its English text is the last argument, its localisable form (if any) the detail.</summary>
    private static QuestionnaireImportException Wrap(Exception inner, string messageId, string format, params object?[] args) =>
        new(QuestionnaireImportError.Of(messageId, format, [.. args, inner.Message]) with { Detail = QuestionnaireImportError.DetailOf(inner) }, inner);

    private static QuestionnaireFormatException Invalid(string messageId, string format, params object?[] args) =>
        new(QuestionnaireImportError.Of(messageId, format, args));

    private static string JsonWhere(string? path) => string.IsNullOrEmpty(path) ? "$" : path;

    private static string Position(long? value) => value is { } v ? (v + 1).ToString(CultureInfo.InvariantCulture) : "?";
}

/// <summary>How a version's content is stored: the sections of the exchange format.</summary>
internal sealed record VersionContent(IReadOnlyList<SectionDocument> Sections);

