using System.Globalization;
using System.Text.Json;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Assessments;

/// <summary>The reviewer's verdict on one answer.</summary>
public enum AnswerReview
{
    Pending = 0,
    Accepted = 1,
    NeedsClarification = 2,
    Finding = 3,
}

/// <summary>
/// The stored answer to one question of one assessment. <see cref="Version"/> is the row version
/// for optimistic concurrency: a save names the version the respondent saw, and a save made
/// against an older version is refused and shown as a conflict instead of overwriting.
/// </summary>
public sealed class AssessmentAnswer : TenantOwnedEntity
{
    public const int ValueMaxLength = 20_000;
    public const int NoteMaxLength = 4000;

    private AssessmentAnswer()
    {
        QuestionKey = string.Empty;
        Value = string.Empty;
        UpdatedBy = string.Empty;
    }

    public AssessmentAnswer(Assessment assessment, string questionKey, AnswerValue value, string updatedBy, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentException.ThrowIfNullOrWhiteSpace(questionKey);
        AssignTenant(assessment.TenantId);
        AssessmentId = assessment.Id;
        QuestionKey = questionKey;
        Value = string.Empty;
        UpdatedBy = string.Empty;
        Change(value, updatedBy, nowUtc);
    }

    public Guid AssessmentId { get; private set; }

    public string QuestionKey { get; private set; }

    /// <summary>The answer in its stored form (<see cref="AnswerValue.ToJson"/>).</summary>
    public string Value { get; private set; }

    /// <summary>Row version: 1 for the first save, +1 for every change; also the EF concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Display name of who saved last.</summary>
    public string UpdatedBy { get; private set; }

    public DateTimeOffset UpdatedAtUtc { get; private set; }

    public AnswerReview Review { get; private set; }

    /// <summary>The reviewer's note (shared with the vendor when clarification is asked).</summary>
    public string? ReviewNote { get; private set; }

    public AnswerValue Parsed => AnswerValue.FromJson(Value);

    public void Change(AnswerValue value, string updatedBy, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(value);
        var json = value.ToJson();
        if (json.Length > ValueMaxLength)
        {
            throw new ArgumentException($"An answer is at most {ValueMaxLength} characters.", nameof(value));
        }

        Value = json;
        UpdatedBy = Assessment.Required(updatedBy, AssessmentRespondent.NameMaxLength, nameof(updatedBy));
        UpdatedAtUtc = nowUtc;
        Version++;

        // A changed answer needs a fresh look, but an accepted verdict on an unchanged answer stays.
        if (Review == AnswerReview.NeedsClarification)
        {
            Review = AnswerReview.Pending;
        }
    }

    public void SetReview(AnswerReview review, string? note)
    {
        if (!Enum.IsDefined(review))
        {
            throw new ArgumentOutOfRangeException(nameof(review), review, "Unknown review.");
        }

        var text = Assessment.Optional(note, NoteMaxLength, nameof(note));
        if (review == AnswerReview.NeedsClarification && text is null)
        {
            throw new ArgumentException("Asking for clarification needs a comment for the vendor.", nameof(note));
        }

        Review = review;
        ReviewNote = text;
    }
}

/// <summary>
/// An answer as typed in the portal, independent of storage. An evidence-request question is
/// answered by the vault versions attached to it (<see cref="Evidence"/>, ids of the vendor's
/// document versions shared with the hospital); its note (<see cref="Text"/>) is a remark only and
/// answers nothing.
/// </summary>
public sealed record AnswerValue
{
    public IReadOnlyList<string> Options { get; init; } = [];

    public decimal? Number { get; init; }

    public string? Text { get; init; }

    public DateOnly? Date { get; init; }

    /// <summary>Evidence requests: the attached vault versions, in attachment order.</summary>
    public IReadOnlyList<Guid> Evidence { get; init; } = [];

    public static AnswerValue Empty { get; } = new();

    public static AnswerValue OfOptions(params IEnumerable<string> options) => new() { Options = options.ToList() };

    public static AnswerValue OfText(string? text) => new() { Text = text };

    public static AnswerValue OfNumber(decimal? number) => new() { Number = number };

    public static AnswerValue OfDate(DateOnly? date) => new() { Date = date };

    public bool IsEmpty => Options.Count == 0 && Number is null && string.IsNullOrWhiteSpace(Text) && Date is null && Evidence.Count == 0;

    /// <summary>This value with <paramref name="versionId"/> attached (once).</summary>
    public AnswerValue WithEvidence(Guid versionId) => Evidence.Contains(versionId) ? this : this with { Evidence = [.. Evidence, versionId] };

    /// <summary>This value without <paramref name="versionId"/>.</summary>
    public AnswerValue WithoutEvidence(Guid versionId) => this with { Evidence = [.. Evidence.Where(e => e != versionId)] };

    /// <summary>
    /// The domain answer the scorer and conditions read, or null when none applies. Evidence
    /// requests need <paramref name="evidence"/> (what each attached version is: type and expiry,
    /// as the vault says); a version it does not describe is left out.
    /// </summary>
    public Answer? ToAnswer(Question question, IReadOnlyDictionary<Guid, EvidenceItem>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Type == QuestionType.EvidenceRequest)
        {
            var items = Evidence.Select(id => evidence?.GetValueOrDefault(id)).OfType<EvidenceItem>().ToList();
            return items.Count > 0 ? new EvidenceAnswer(items) : null;
        }

        return question.Type switch
        {
            _ when question.IsChoice => Options.Count > 0 ? new ChoiceAnswer(Options) : null,
            QuestionType.Number => Number is { } n ? new NumberAnswer(n) : null,
            QuestionType.Date => Date is { } d ? new DateAnswer(d) : null,
            QuestionType.FreeText => string.IsNullOrWhiteSpace(Text) ? null : new TextAnswer(Text),
            _ => null,
        };
    }

    /// <summary>Whether this value answers <paramref name="question"/> (for completion and the submit check).</summary>
    public bool Answers(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            _ when question.IsChoice => Options.Count > 0
                && Options.All(o => question.FindOption(o) is not null)
                && (question.Type == QuestionType.MultipleChoice || Options.Count == 1),
            QuestionType.Number => Number is { } n && (question.Minimum is null || n >= question.Minimum) && (question.Maximum is null || n <= question.Maximum),
            QuestionType.Date => Date is not null,
            QuestionType.EvidenceRequest => Evidence.Count > 0,
            _ => !string.IsNullOrWhiteSpace(Text),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(new Stored(
        Options.Count == 0 ? null : Options.ToArray(),
        Number,
        string.IsNullOrEmpty(Text) ? null : Text,
        Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Evidence.Count == 0 ? null : Evidence.ToArray()));

    public static AnswerValue FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        var stored = JsonSerializer.Deserialize<Stored>(json) ?? new Stored(null, null, null, null, null);
        return new AnswerValue
        {
            Options = stored.O ?? [],
            Number = stored.N,
            Text = stored.T,
            Date = stored.D is null ? null : DateOnly.ParseExact(stored.D, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Evidence = stored.E ?? [],
        };
    }

    public bool Equals(AnswerValue? other) => other is not null && ToJson() == other.ToJson();

    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);

    private sealed record Stored(string[]? O, decimal? N, string? T, string? D, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Guid[]? E = null);
}
