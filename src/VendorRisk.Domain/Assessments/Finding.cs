using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Assessments;

public enum FindingSeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

public enum FindingStatus
{
    Open = 1,
    PlanProposed = 2,
    InRemediation = 3,
    VerifiedClosed = 4,
    RiskAccepted = 5,
}

/// <summary>
/// A weakness found in a vendor's answers, with its remediation lifecycle:
/// Open → Plan proposed (by the vendor) → In remediation (plan agreed) → Verified closed, or
/// Risk accepted by a CISO (reason, approver, end date) from any open state. A rejected plan
/// goes back to Open; an accepted risk can be reopened (for instance when its end date passes).
/// </summary>
public sealed class Finding : TenantOwnedEntity
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 4000;
    public const int ListMaxLength = 1000;
    public const int QuestionKeyMaxLength = 100;
    public const int UserIdMaxLength = 450;

    private static readonly Dictionary<FindingStatus, FindingStatus[]> Allowed = new()
    {
        [FindingStatus.Open] = [FindingStatus.PlanProposed, FindingStatus.RiskAccepted],
        [FindingStatus.PlanProposed] = [FindingStatus.InRemediation, FindingStatus.Open, FindingStatus.RiskAccepted],
        [FindingStatus.InRemediation] = [FindingStatus.VerifiedClosed, FindingStatus.RiskAccepted],
        [FindingStatus.VerifiedClosed] = [],
        [FindingStatus.RiskAccepted] = [FindingStatus.Open],
    };

    private Finding()
    {
        Title = string.Empty;
        QuestionKeys = string.Empty;
        ControlIds = string.Empty;
    }

    /// <summary>A finding raised by a reviewer. The owner is a member of the hospital (the caller checks membership), or null: nobody chosen, the assessment's owner follows it up.</summary>
    public Finding(Assessment assessment, string title, FindingSeverity severity, IEnumerable<string> questionKeys, IEnumerable<string> controlIds, string? ownerUserId, DateOnly dueOn, DateTimeOffset createdAtUtc, bool isDraft = false)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        AssignTenant(assessment.TenantId);
        AssessmentId = assessment.Id;
        VendorOrganisationId = assessment.VendorOrganisationId;
        Title = Assessment.Required(title, TitleMaxLength, nameof(title));
        Severity = Enum.IsDefined(severity) ? severity : throw new ArgumentOutOfRangeException(nameof(severity));
        QuestionKeys = JoinList(questionKeys, nameof(questionKeys));
        ControlIds = JoinList(controlIds, nameof(controlIds));
        OwnerUserId = OwnerId(ownerUserId);
        DueOn = dueOn;
        CreatedAtUtc = createdAtUtc;
        IsDraft = isDraft;
        Status = FindingStatus.Open;
    }

    /// <summary>
    /// A draft raised from a critical gap (<see cref="CriticalFindingRule"/>): <paramref name="assessment"/>'s
    /// owner is its owner until the reviewer changes it; the question is its source, unique per
    /// assessment (the database refuses a second draft for the same question).
    /// </summary>
    public static Finding DraftFromCriticalAnswer(Assessment assessment, CriticalFindingDraft draft, DateTimeOffset createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(draft);
        var finding = new Finding(assessment, draft.Title, draft.Severity, [draft.QuestionKey], draft.ControlIds, assessment.OwnerUserId, draft.DueOn, createdAtUtc, isDraft: true)
        {
            SourceQuestionKey = draft.QuestionKey.Length <= QuestionKeyMaxLength ? draft.QuestionKey : throw new ArgumentException("Question key too long.", nameof(draft)),
        };
        return finding;
    }

    public Guid AssessmentId { get; private set; }

    public Guid VendorOrganisationId { get; private set; }

    public string Title { get; private set; }

    public FindingSeverity Severity { get; private set; }

    /// <summary>Linked question keys, comma-separated.</summary>
    public string QuestionKeys { get; private set; }

    /// <summary>Linked control ids (framework references), comma-separated.</summary>
    public string ControlIds { get; private set; }

    public string? RemediationPlan { get; private set; }

    /// <summary>The hospital member who follows this finding up (reminders go to them); null: the assessment's owner does (ADR 0016).</summary>
    public string? OwnerUserId { get; private set; }

    /// <summary>
    /// The free-text owner of a finding raised before owners were members (migration FindingOwner),
    /// kept as written when it named no member of the hospital; cleared once an owner is chosen.
    /// </summary>
    public string? OwnerLabel { get; private set; }

    public DateOnly DueOn { get; private set; }

    public FindingStatus Status { get; private set; }

    /// <summary>Raised automatically from a critical gap and not yet confirmed by a reviewer.</summary>
    public bool IsDraft { get; private set; }

    /// <summary>The critical question this draft was raised from; null for findings raised by a reviewer.</summary>
    public string? SourceQuestionKey { get; private set; }

    /// <summary>When a reviewer discarded this draft (it stays, so the same gap never raises it again).</summary>
    public DateTimeOffset? DiscardedAtUtc { get; private set; }

    public string? DiscardedBy { get; private set; }

    public bool IsDiscarded => DiscardedAtUtc is not null;

    public string? RiskAcceptanceReason { get; private set; }

    public string? RiskAcceptedBy { get; private set; }

    public DateOnly? RiskAcceptedUntil { get; private set; }

    public DateTimeOffset? RiskAcceptedAtUtc { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public DateTimeOffset? ClosedAtUtc { get; private set; }

    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<string> QuestionKeyList => Split(QuestionKeys);

    public IReadOnlyList<string> ControlIdList => Split(ControlIds);

    public bool IsOverdue(DateOnly today) => !IsDraft && Status is FindingStatus.Open or FindingStatus.PlanProposed or FindingStatus.InRemediation && today > DueOn;

    /// <summary>Who is reminded: the chosen owner, else <paramref name="assessmentOwnerUserId"/>.</summary>
    public string EffectiveOwner(string assessmentOwnerUserId) => OwnerUserId ?? assessmentOwnerUserId;

    public static bool CanMove(FindingStatus from, FindingStatus to) => Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The reviewer raises the draft: it becomes an open finding the vendor sees.</summary>
    public void Confirm()
    {
        if (!IsDraft || IsDiscarded)
        {
            throw new AssessmentStateException("Only a draft finding can be confirmed.");
        }

        IsDraft = false;
        Touch();
    }

    /// <summary>The reviewer discards the draft: hidden from every list, kept so the gap does not raise it again.</summary>
    public void Discard(string discardedBy, DateTimeOffset nowUtc)
    {
        if (!IsDraft || IsDiscarded)
        {
            throw new AssessmentStateException("Only a draft finding can be discarded.");
        }

        DiscardedBy = Assessment.Required(discardedBy, AssessmentRespondent.NameMaxLength, nameof(discardedBy));
        DiscardedAtUtc = nowUtc;
        Touch();
    }

    /// <summary>
    /// Hands the finding to <paramref name="ownerUserId"/> (a member of the hospital, which the caller
    /// checks), or to nobody (null: the assessment's owner follows it up). A legacy free-text owner is
    /// dropped: the choice replaces it. Not once discarded or closed: nothing is left to follow up.
    /// </summary>
    public void AssignOwner(string? ownerUserId)
    {
        if (IsDiscarded || Status == FindingStatus.VerifiedClosed)
        {
            throw new AssessmentStateException("A discarded or closed finding keeps its owner.");
        }

        OwnerUserId = OwnerId(ownerUserId);
        OwnerLabel = null;
        Touch();
    }

    /// <summary>The vendor proposes how and when it will remediate.</summary>
    public void ProposePlan(string plan)
    {
        var text = Assessment.Required(plan, TextMaxLength, nameof(plan));
        MoveTo(FindingStatus.PlanProposed);
        RemediationPlan = text;
    }

    public void AcceptPlan() => MoveTo(FindingStatus.InRemediation);

    public void RejectPlan() => MoveTo(FindingStatus.Open);

    public void VerifyClosed(DateTimeOffset nowUtc)
    {
        MoveTo(FindingStatus.VerifiedClosed);
        ClosedAtUtc = nowUtc;
    }

    /// <summary>A CISO accepts the risk until <paramref name="until"/>, for a stated reason.</summary>
    public void AcceptRisk(string reason, string approvedBy, DateOnly until, DateTimeOffset nowUtc)
    {
        var text = Assessment.Required(reason, TextMaxLength, nameof(reason));
        var approver = Assessment.Required(approvedBy, AssessmentRespondent.NameMaxLength, nameof(approvedBy));
        if (until <= DateOnly.FromDateTime(nowUtc.UtcDateTime))
        {
            throw new ArgumentException("A risk is accepted until a future date.", nameof(until));
        }

        MoveTo(FindingStatus.RiskAccepted);
        RiskAcceptanceReason = text;
        RiskAcceptedBy = approver;
        RiskAcceptedUntil = until;
        RiskAcceptedAtUtc = nowUtc;
    }

    public void Reopen()
    {
        MoveTo(FindingStatus.Open);
        RiskAcceptanceReason = null;
        RiskAcceptedBy = null;
        RiskAcceptedUntil = null;
        RiskAcceptedAtUtc = null;
    }

    private void MoveTo(FindingStatus target)
    {
        if (IsDraft)
        {
            throw new AssessmentStateException("A draft finding is confirmed or discarded before anything else.");
        }

        if (!CanMove(Status, target))
        {
            throw new AssessmentStateException($"A finding cannot move from {Status} to {target}.");
        }

        Status = target;
        Touch();
    }

    private void Touch() => ConcurrencyToken = Guid.NewGuid();

    private static string? OwnerId(string? userId) =>
        string.IsNullOrWhiteSpace(userId) ? null
        : userId.Trim().Length <= UserIdMaxLength ? userId.Trim() : throw new ArgumentException($"At most {UserIdMaxLength} characters.", nameof(userId));

    private static string JoinList(IEnumerable<string> items, string name)
    {
        ArgumentNullException.ThrowIfNull(items);
        var joined = string.Join(',', items.Select(i => i.Trim()).Where(i => i.Length > 0 && !i.Contains(',', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal));
        return joined.Length > ListMaxLength ? throw new ArgumentException($"At most {ListMaxLength} characters.", name) : joined;
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');
}
