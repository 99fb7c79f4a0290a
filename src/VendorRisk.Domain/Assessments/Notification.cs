using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Assessments;

/// <summary>
/// An in-app notice for one user of the organisation (tenant) that raised it. <see cref="MessageKey"/>
/// is a resource key formatted with <see cref="Argument"/>, so it shows in the reader's language.
/// </summary>
public sealed class Notification : TenantOwnedEntity
{
    private Notification()
    {
        UserId = string.Empty;
        MessageKey = string.Empty;
        Argument = string.Empty;
        Link = string.Empty;
    }

    public Notification(Guid tenantId, string userId, string messageKey, string argument, string link, DateTimeOffset createdAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageKey);
        AssignTenant(tenantId);
        UserId = userId;
        MessageKey = messageKey;
        Argument = argument ?? string.Empty;
        Link = link ?? string.Empty;
        CreatedAtUtc = createdAtUtc;
    }

    public string UserId { get; private set; }

    public string MessageKey { get; private set; }

    public string Argument { get; private set; }

    public string Link { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public DateTimeOffset? ReadAtUtc { get; private set; }

    public void MarkRead(DateTimeOffset atUtc) => ReadAtUtc ??= atUtc;
}

/// <summary>
/// One reminder sent to one person on one day: the background service's memory, in the database
/// so that a restart neither forgets nor repeats. Kept in the platform chain (empty tenant is
/// forbidden, so it carries the hospital's tenant) and read across tenants only by the reminder job,
/// because a vendor person may be reminded by several hospitals and still gets one a day.
/// </summary>
public sealed class ReminderLog : TenantOwnedEntity
{
    private ReminderLog()
    {
        Recipient = string.Empty;
    }

    public ReminderLog(Guid tenantId, Guid assessmentId, string recipient, ReminderKind kind, DateOnly sentOn, DateTimeOffset sentAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        AssignTenant(tenantId);
        AssessmentId = assessmentId;
        Recipient = recipient.Trim().ToLowerInvariant();
        Kind = kind;
        SentOn = sentOn;
        SentAtUtc = sentAtUtc;
    }

    public Guid AssessmentId { get; private set; }

    /// <summary>The reminded person's e-mail address (lower case), the key of the once-a-day rule.</summary>
    public string Recipient { get; private set; }

    public ReminderKind Kind { get; private set; }

    public DateOnly SentOn { get; private set; }

    public DateTimeOffset SentAtUtc { get; private set; }
}
