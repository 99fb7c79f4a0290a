using VendorRisk.Domain.Tenancy;
using VendorRisk.Domain.Vendors.Engagements;

namespace VendorRisk.Domain.Vendors.Contracts;

/// <summary>A contract or data-handling agreement covering one engagement, with its security-clause checklist.</summary>
public sealed class Contract : TenantOwnedEntity
{
    public const int TitleMaxLength = 200;
    public const int MaxStatedBreachNotificationDelayHours = 24 * 30;

    private Contract()
    {
    }

    internal Contract(Engagement engagement, ContractType type, string? title)
    {
        AssignTenant(engagement.TenantId);
        EngagementId = engagement.Id;
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown contract type.");
        }

        Type = type;
        Retitle(title);
    }

    public Guid EngagementId { get; private set; }

    public ContractType Type { get; private set; }

    public string? Title { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    public DateOnly? StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    /// <summary>The last day to give notice before tacit renewal (or to renegotiate).</summary>
    public DateOnly? NoticeOn { get; private set; }

    public SecurityClauses PresentClauses { get; private set; }

    /// <summary>The notification delay the breach clause states; set exactly when that clause is present.</summary>
    public int? BreachNotificationDelayHours { get; private set; }

    /// <summary>The signed document, kept in the evidence store.</summary>
    public Guid? DocumentId { get; private set; }

    public void Retitle(string? title)
    {
        var trimmed = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        if (trimmed?.Length > TitleMaxLength)
        {
            throw new ArgumentException($"A title has at most {TitleMaxLength} characters.", nameof(title));
        }

        Title = trimmed;
    }

    public void SetDates(DateOnly? signedOn, DateOnly? startsOn, DateOnly? endsOn, DateOnly? noticeOn)
    {
        if (startsOn is { } start && endsOn is { } end && end < start)
        {
            throw new ArgumentException("A contract ends on or after its start.", nameof(endsOn));
        }

        if (noticeOn is { } notice && endsOn is { } ending && notice > ending)
        {
            throw new ArgumentException("The notice date comes before the end of the contract.", nameof(noticeOn));
        }

        SignedOn = signedOn;
        StartsOn = startsOn;
        EndsOn = endsOn;
        NoticeOn = noticeOn;
    }

    /// <summary>
    /// Marks which clauses the contract contains. The breach-notification clause counts only with
    /// its delay in hours: a clause without a delay commits the vendor to nothing measurable.
    /// </summary>
    public void SetClauses(SecurityClauses present, int? breachNotificationDelayHours)
    {
        const SecurityClauses all = SecurityClauses.BreachNotification | SecurityClauses.AuditRight
            | SecurityClauses.MfaForRemoteAccess | SecurityClauses.DataLocationInEea | SecurityClauses.SubProcessorApproval
            | SecurityClauses.DataReturnOrDestruction | SecurityClauses.Encryption;
        if ((present & ~all) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(present), present, "Unknown clause.");
        }

        var hasBreachClause = present.HasFlag(SecurityClauses.BreachNotification);
        if (hasBreachClause != breachNotificationDelayHours.HasValue)
        {
            throw new ArgumentException("The breach-notification clause is present exactly when its delay in hours is given.", nameof(breachNotificationDelayHours));
        }

        if (breachNotificationDelayHours is { } hours)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(hours, nameof(breachNotificationDelayHours));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, MaxStatedBreachNotificationDelayHours, nameof(breachNotificationDelayHours));
        }

        PresentClauses = present;
        BreachNotificationDelayHours = breachNotificationDelayHours;
    }

    public void AttachDocument(Guid documentId)
    {
        if (documentId == Guid.Empty)
        {
            throw new ArgumentException("A document id cannot be empty.", nameof(documentId));
        }

        DocumentId = documentId;
    }
}
