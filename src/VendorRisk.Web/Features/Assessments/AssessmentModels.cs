using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>The outcome of a use case: the id it made or touched, or a message for the user (already localised).</summary>
public sealed record AssessmentResult(bool Succeeded, string? Error = null, Guid? Id = null)
{
    public static AssessmentResult Ok(Guid? id = null) => new(true, null, id);

    public static AssessmentResult Fail(string error) => new(false, error);
}

public sealed record PersonOption(string UserId, string DisplayName, string Email);

/// <summary>An engagement that can be assessed: its vendor must be linked to its organisation on the platform.</summary>
public sealed record EngagementOption(Guid EngagementId, string VendorName, string ProductName, RiskTier Tier, Guid? VendorOrganisationId, Guid VendorId = default);

public sealed record TemplateVersionOption(Guid VersionId, string Name, int Number, string? BuiltInSourceKey, Guid TemplateId = default);

public sealed record LaunchOptions(
    IReadOnlyList<EngagementOption> Engagements,
    IReadOnlyList<TemplateVersionOption> Templates,
    IReadOnlyList<PersonOption> Owners)
{
    /// <summary>The template the organisation suggests for Medium tier (its assessment settings); null: the full baseline.</summary>
    public Guid? MediumTierTemplateId { get; init; }
}

/// <summary>What procurement fills in to launch one assessment (or a campaign: several engagements, then respondents are every user of each vendor).</summary>
public sealed class LaunchForm
{
    public const int NewContactsMaxLength = 2000;

    public List<Guid> EngagementIds { get; set; } = [];

    /// <summary>Null: the version suggested by each engagement's tier.</summary>
    public Guid? TemplateVersionId { get; set; }

    public DateTime? DueOn { get; set; }

    public List<string> RespondentUserIds { get; set; } = [];

    /// <summary>New vendor contacts, one e-mail address per line or separated by commas; each is invited.</summary>
    public string? NewContacts { get; set; }

    public string? OwnerUserId { get; set; }
}

public enum AssessmentSort
{
    DueOn = 0,
    Vendor = 1,
    Status = 2,
    Completion = 3,
}

public sealed record AssessmentQuery(
    string? Search = null,
    AssessmentStatus? Status = null,
    RiskTier? Tier = null,
    bool OverdueOnly = false,
    bool IncludeClosed = true,
    AssessmentSort SortBy = AssessmentSort.DueOn,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25)
{
    public const int SearchMaxLength = 100;
    public const int MaxPageSize = 100;

    /// <summary>Only assessments of this questionnaire template (any of its versions).</summary>
    public Guid? TemplateId { get; init; }

    /// <summary>Only assessments due on or after this day.</summary>
    public DateOnly? DueFrom { get; init; }

    /// <summary>Only assessments due on or before this day.</summary>
    public DateOnly? DueTo { get; init; }
}

public sealed record AssessmentRow(
    Guid Id,
    string Title,
    string VendorName,
    string ProductName,
    RiskTier Tier,
    AssessmentStatus Status,
    decimal CompletionPercent,
    DateOnly DueOn,
    bool IsOverdue,
    decimal? Score);

public sealed record AssessmentListPage(IReadOnlyList<AssessmentRow> Rows, int TotalCount);

public sealed record CommentView(Guid Id, string QuestionKey, CommentSide Side, bool IsInternal, string AuthorName, string Text, DateTimeOffset AtUtc);

public sealed record AnswerView(string QuestionKey, AnswerValue Value, int Version, string UpdatedBy, DateTimeOffset UpdatedAtUtc, AnswerReview Review, string? ReviewNote);

/// <summary>A question a finding is linked to: its key and, from the published questionnaire version, its text (null when the version has no such question).</summary>
public sealed record FindingQuestion(string Key, LocalizedText? Text);

/// <summary>
/// A finding as a page shows it. <see cref="OwnerName"/> is the owner member's name (resolved when
/// read, so a renamed or erased person is never stale), or the legacy free-text owner
/// (<see cref="OwnerIsLabel"/>), or empty: nobody chosen, the assessment's owner follows it up.
/// </summary>
public sealed record FindingView(
    Guid Id,
    string Title,
    FindingSeverity Severity,
    FindingStatus Status,
    bool IsDraft,
    IReadOnlyList<string> QuestionKeys,
    IReadOnlyList<string> ControlIds,
    string? RemediationPlan,
    string OwnerName,
    DateOnly DueOn,
    bool IsOverdue,
    string? RiskAcceptanceReason,
    string? RiskAcceptedBy,
    DateOnly? RiskAcceptedUntil,
    Guid ConcurrencyToken)
{
    public string? OwnerUserId { get; init; }

    /// <summary>The owner is a free text kept from before owners were members (ADR 0016).</summary>
    public bool OwnerIsLabel { get; init; }

    /// <summary>The owner was chosen but is no longer a member of the hospital.</summary>
    public bool OwnerIsFormerMember { get; init; }

    public IReadOnlyList<FindingQuestion> Questions { get; init; } = [];

    /// <summary>
    /// The view of <paramref name="f"/> on <paramref name="today"/>. Member names: the hospital's members by user id
    /// (null: owners are not shown, as on the vendor portal). Version: the published questionnaire version of the
    /// finding's assessment, for the question texts.
    /// </summary>
    public static FindingView Of(Finding f, DateOnly today, IReadOnlyDictionary<string, string>? memberNames = null, TemplateVersion? version = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var ownerName = memberNames is null ? string.Empty
            : f.OwnerUserId is { } ownerId ? memberNames.GetValueOrDefault(ownerId, string.Empty)
            : f.OwnerLabel ?? string.Empty;
        return new(
            f.Id, f.Title, f.Severity, f.Status, f.IsDraft, f.QuestionKeyList, f.ControlIdList, f.RemediationPlan, ownerName, f.DueOn,
            f.IsOverdue(today), f.RiskAcceptanceReason, f.RiskAcceptedBy, f.RiskAcceptedUntil, f.ConcurrencyToken)
        {
            OwnerUserId = memberNames is null ? null : f.OwnerUserId,
            OwnerIsLabel = memberNames is not null && f.OwnerUserId is null && f.OwnerLabel is not null,
            OwnerIsFormerMember = memberNames is not null && f.OwnerUserId is { } id && !memberNames.ContainsKey(id),
            Questions = f.QuestionKeyList.Select(k => new FindingQuestion(k, version?.FindQuestion(k)?.Text)).ToList(),
        };
    }
}

/// <summary>Everything the hospital's assessment page shows: the sheet, the score explained, comments (internal included) and findings.</summary>
public sealed record AssessmentDetails(
    Guid Id,
    string Title,
    string VendorName,
    string ProductName,
    Guid EngagementId,
    RiskTier Tier,
    AssessmentStatus Status,
    DateOnly DueOn,
    bool IsOverdue,
    string OwnerName,
    IReadOnlyList<string> Respondents,
    TemplateVersion Version,
    string TemplateName,
    IReadOnlyDictionary<string, AnswerView> Answers,
    AssessmentProgress Progress,
    QuestionnaireScore Score,
    IReadOnlyList<CommentView> Comments,
    IReadOnlyList<FindingView> Findings,
    decimal? StoredScore,
    AssessmentDecision? Decision,
    string? DecisionNote,
    DateOnly? NextReassessmentOn,
    DateOnly SuggestedNextReassessment,
    Guid ConcurrencyToken)
{
    /// <summary>Months until the next assessment for this tier, as the organisation set them (default: issue 6's intervals).</summary>
    public int ReassessmentMonths { get; init; } = Assessment.ReassessmentMonths(Tier);

    /// <summary>The documents attached to evidence requests that this hospital can see (shared with it), by version id.</summary>
    public IReadOnlyDictionary<Guid, VendorRisk.Web.Features.Evidence.AttachedEvidence> Evidence { get; init; } = new Dictionary<Guid, VendorRisk.Web.Features.Evidence.AttachedEvidence>();
}

public sealed class FindingForm
{
    public string? Title { get; set; }

    public FindingSeverity Severity { get; set; } = FindingSeverity.High;

    public List<string> QuestionKeys { get; set; } = [];

    public string? ControlIds { get; set; }

    /// <summary>A member of the hospital; null or empty: nobody chosen (the assessment's owner follows the finding up).</summary>
    public string? OwnerUserId { get; set; }

    public DateTime? DueOn { get; set; }
}

public sealed record NotificationView(Guid Id, string MessageKey, string Argument, string Link, DateTimeOffset CreatedAtUtc);

/// <summary>The filters of the findings register; null filters nothing.</summary>
public sealed record FindingQuery(FindingStatus? Status = null, FindingSeverity? Severity = null, bool OverdueOnly = false, bool DraftsOnly = false)
{
    /// <summary>Only the findings the signed-in user follows up: owned by them, or with no (current member as) owner on an assessment they own.</summary>
    public bool MineOnly { get; init; }

    /// <summary>The register shows at most this many rows (the count says how many match).</summary>
    public const int MaxRows = 500;
}

public sealed record FindingRow(FindingView Finding, Guid AssessmentId, string AssessmentTitle, string VendorName);

public sealed record FindingListPage(IReadOnlyList<FindingRow> Rows, int TotalCount);
