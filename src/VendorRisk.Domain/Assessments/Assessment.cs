using VendorRisk.Domain.Tenancy;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Assessments;

/// <summary>The hospital's final word on a completed assessment.</summary>
public enum AssessmentDecision
{
    Approved = 1,
    ApprovedWithConditions = 2,
    Rejected = 3,
}

/// <summary>
/// One questionnaire sent by a hospital to the vendor of one engagement. Owned by the hospital
/// (tenant); the vendor organisation it is addressed to (<see cref="VendorOrganisationId"/>)
/// reaches it only through the portal's explicit access path (docs/security.md, "Vendor portal").
/// </summary>
public sealed class Assessment : TenantOwnedEntity
{
    public const int TitleMaxLength = 300;
    public const int NoteMaxLength = 4000;

    private readonly List<AssessmentRespondent> _respondents = [];

    private Assessment()
    {
        Title = string.Empty;
        OwnerUserId = string.Empty;
    }

    public Assessment(
        Guid tenantId,
        Guid engagementId,
        Guid vendorId,
        Guid vendorOrganisationId,
        Guid templateVersionId,
        string title,
        RiskTier tier,
        DateOnly dueOn,
        string ownerUserId,
        DateTimeOffset createdAtUtc,
        Guid? campaignId = null)
    {
        if (vendorOrganisationId == Guid.Empty)
        {
            throw new ArgumentException("An assessment must be addressed to a vendor organisation.", nameof(vendorOrganisationId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ownerUserId);
        AssignTenant(tenantId);
        EngagementId = engagementId;
        VendorId = vendorId;
        VendorOrganisationId = vendorOrganisationId;
        TemplateVersionId = templateVersionId;
        Title = Required(title, TitleMaxLength, nameof(title));
        Tier = tier;
        DueOn = dueOn;
        OwnerUserId = ownerUserId;
        CreatedAtUtc = createdAtUtc;
        CampaignId = campaignId;
        Status = AssessmentStatus.Draft;
    }

    public Guid EngagementId { get; private set; }

    public Guid VendorId { get; private set; }

    /// <summary>The vendor's own organisation on the platform: whose users may answer.</summary>
    public Guid VendorOrganisationId { get; private set; }

    /// <summary>The published template version asked; a published version never changes (ADR 0004).</summary>
    public Guid TemplateVersionId { get; private set; }

    public Guid? CampaignId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The engagement's effective tier when the assessment was launched.</summary>
    public RiskTier Tier { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>The hospital user accountable for the assessment (reminded when it is late).</summary>
    public string OwnerUserId { get; private set; }

    public AssessmentStatus Status { get; private set; }

    /// <summary>Answered visible questions / visible questions, 0–100, refreshed on every answer.</summary>
    public decimal CompletionPercent { get; private set; }

    /// <summary>The questionnaire score (0–100) computed by <c>QuestionnaireScorer</c> on completion.</summary>
    public decimal? Score { get; private set; }

    public bool CriticalCapApplied { get; private set; }

    public AssessmentDecision? Decision { get; private set; }

    public string? DecisionNote { get; private set; }

    public DateOnly? NextReassessmentOn { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public DateTimeOffset? SentAtUtc { get; private set; }

    public DateTimeOffset? SubmittedAtUtc { get; private set; }

    public DateTimeOffset? CompletedAtUtc { get; private set; }

    public DateTimeOffset? CancelledAtUtc { get; private set; }

    public IReadOnlyList<AssessmentRespondent> Respondents => _respondents.AsReadOnly();

    /// <summary>Optimistic concurrency token, renewed by every change made through this class.</summary>
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    public bool IsOverdue(DateOnly today) => AssessmentTransitions.AwaitsVendor(Status) && today > DueOn;

    public AssessmentRespondent AddRespondent(string? userId, string email, string displayName)
    {
        var respondent = new AssessmentRespondent(this, userId, email, displayName);
        if (_respondents.Exists(r => string.Equals(r.Email, respondent.Email, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{respondent.Email} already answers this assessment.", nameof(email));
        }

        _respondents.Add(respondent);
        Touch();
        return respondent;
    }

    public void Send(DateTimeOffset nowUtc)
    {
        if (_respondents.Count == 0)
        {
            throw new AssessmentStateException("An assessment needs at least one vendor respondent before it is sent.");
        }

        MoveTo(AssessmentStatus.Sent);
        SentAtUtc = nowUtc;
    }

    /// <summary>The vendor changed an answer: a sent assessment is now in progress, a returned one too.</summary>
    /// <remarks>
    /// Only a change of status renews the concurrency token. Answers have their own row version,
    /// so colleagues saving different answers at once must not collide on the assessment row
    /// (they did: under load one save in ten failed and was retried, see docs/performance.md);
    /// the token still guards the row, so a save racing a hospital action (cancel, due date,
    /// review) fails instead of overwriting it.
    /// </remarks>
    public void RecordAnswerChange(decimal completionPercent)
    {
        EnsureVendorMayEdit();
        if (Status is AssessmentStatus.Sent or AssessmentStatus.ChangesRequested)
        {
            MoveTo(AssessmentStatus.InProgress);
            Touch();
        }

        CompletionPercent = Math.Clamp(completionPercent, 0m, 100m);
    }

    public void EnsureVendorMayEdit()
    {
        if (!AssessmentTransitions.VendorMayEdit(Status))
        {
            throw new AssessmentStateException($"Answers are read-only while the assessment is {Status}.");
        }
    }

    public void Submit(DateTimeOffset nowUtc, decimal completionPercent)
    {
        MoveTo(AssessmentStatus.Submitted);
        CompletionPercent = Math.Clamp(completionPercent, 0m, 100m);
        SubmittedAtUtc = nowUtc;
    }

    public void StartReview()
    {
        if (Status == AssessmentStatus.Submitted)
        {
            MoveTo(AssessmentStatus.UnderReview);
        }
    }

    public void RequestChanges() => MoveTo(AssessmentStatus.ChangesRequested);

    public void Complete(
        decimal? score,
        bool criticalCapApplied,
        AssessmentDecision decision,
        string? note,
        DateOnly nextReassessmentOn,
        DateTimeOffset nowUtc)
    {
        if (!Enum.IsDefined(decision))
        {
            throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision.");
        }

        if (DateOnly.FromDateTime(nowUtc.UtcDateTime) >= nextReassessmentOn)
        {
            throw new ArgumentException("The next reassessment must be in the future.", nameof(nextReassessmentOn));
        }

        MoveTo(AssessmentStatus.Completed);
        Score = score;
        CriticalCapApplied = criticalCapApplied;
        Decision = decision;
        DecisionNote = Optional(note, NoteMaxLength, nameof(note));
        NextReassessmentOn = nextReassessmentOn;
        CompletedAtUtc = nowUtc;
    }

    public void Cancel(DateTimeOffset nowUtc)
    {
        MoveTo(AssessmentStatus.Cancelled);
        CancelledAtUtc = nowUtc;
    }

    public void ChangeDueDate(DateOnly dueOn)
    {
        if (Status is AssessmentStatus.Completed or AssessmentStatus.Cancelled)
        {
            throw new AssessmentStateException($"The due date of a {Status} assessment cannot change.");
        }

        DueOn = dueOn;
        Touch();
    }

    /// <summary>Months until the next assessment for a tier (issue 6: Critical 12, High 12, Medium 24, Low 36).</summary>
    public static int ReassessmentMonths(RiskTier tier) => tier switch
    {
        RiskTier.Critical => 12,
        RiskTier.High => 12,
        RiskTier.Medium => 24,
        _ => 36,
    };

    private void MoveTo(AssessmentStatus target)
    {
        if (!AssessmentTransitions.CanMove(Status, target))
        {
            throw new AssessmentStateException(Status, target);
        }

        Status = target;
        Touch();
    }

    private void Touch() => ConcurrencyToken = Guid.NewGuid();

    internal static string Required(string? value, int maxLength, string name)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new ArgumentException("A value is required.", name);
        }

        if (text.Length > maxLength)
        {
            throw new ArgumentException($"At most {maxLength} characters.", name);
        }

        return text;
    }

    internal static string? Optional(string? value, int maxLength, string name)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > maxLength ? throw new ArgumentException($"At most {maxLength} characters.", name) : text;
    }
}

/// <summary>A vendor person asked to answer: an existing user of the vendor organisation, or an invited e-mail address (no user yet).</summary>
public sealed class AssessmentRespondent : TenantOwnedEntity
{
    public const int EmailMaxLength = 254;
    public const int NameMaxLength = 200;

    private AssessmentRespondent()
    {
        Email = string.Empty;
        DisplayName = string.Empty;
    }

    internal AssessmentRespondent(Assessment assessment, string? userId, string email, string displayName)
    {
        AssignTenant(assessment.TenantId);
        AssessmentId = assessment.Id;
        UserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        Email = Assessment.Required(email, EmailMaxLength, nameof(email)).ToLowerInvariant();
        DisplayName = Assessment.Optional(displayName, NameMaxLength, nameof(displayName)) ?? Email;
    }

    public Guid AssessmentId { get; private set; }

    public string? UserId { get; private set; }

    public string Email { get; private set; }

    public string DisplayName { get; private set; }
}
