using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Alerts;

public enum SecurityAlertKind
{
    /// <summary>A bulk read was refused above the tenant's second threshold.</summary>
    ExportRefused = 1,

    /// <summary>A user's export volume this hour is several times their 30-day hourly baseline.</summary>
    ExportAboveBaseline = 2,

    /// <summary>Many wrong MFA codes for one account in a short time.</summary>
    FailedMfaCodes = 3,

    /// <summary>A privileged user (Administrator, CISO) signed in from a browser never seen for them.</summary>
    NewDeviceForPrivilegedUser = 4,

    /// <summary>A privileged user (Administrator, CISO) signed in from a country never seen for them.</summary>
    NewCountryForPrivilegedUser = 5,

    /// <summary>An API client was used from an IP address not seen for it recently.</summary>
    ApiClientNewAddress = 6,
}

/// <summary>
/// Something the tenant's CISOs and Administrators must look at. Listed on <c>/alerts</c>, e-mailed
/// to them, acknowledged there; creation and acknowledgement are record changes, hence in the audit log.
/// </summary>
public sealed class SecurityAlert : TenantOwnedEntity
{
    public const int DetailMaxLength = 1000;
    public const int NameMaxLength = 256;

    private SecurityAlert()
    {
    }

    public SecurityAlert(SecurityAlertKind kind, DateTimeOffset raisedAtUtc, string? subjectUserId, string? subjectName, string? detail)
    {
        Kind = kind;
        RaisedAtUtc = raisedAtUtc.ToUniversalTime();
        SubjectUserId = subjectUserId;
        SubjectName = Truncate(subjectName, NameMaxLength);
        Detail = Truncate(detail, DetailMaxLength);
    }

    public SecurityAlertKind Kind { get; private set; }

    public DateTimeOffset RaisedAtUtc { get; private set; }

    /// <summary>The account whose behaviour raised the alert.</summary>
    public string? SubjectUserId { get; private set; }

    public string? SubjectName { get; private set; }

    /// <summary>Facts (counts, thresholds, user agent); never a secret.</summary>
    public string? Detail { get; private set; }

    public DateTimeOffset? EmailedAtUtc { get; private set; }

    public DateTimeOffset? AcknowledgedAtUtc { get; private set; }

    public string? AcknowledgedByUserId { get; private set; }

    public string? AcknowledgedByName { get; private set; }

    public bool IsAcknowledged => AcknowledgedAtUtc is not null;

    public void MarkEmailed(DateTimeOffset nowUtc) => EmailedAtUtc ??= nowUtc.ToUniversalTime();

    public void Acknowledge(DateTimeOffset nowUtc, string userId, string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (AcknowledgedAtUtc is not null)
        {
            return;
        }

        AcknowledgedAtUtc = nowUtc.ToUniversalTime();
        AcknowledgedByUserId = userId;
        AcknowledgedByName = Truncate(name, NameMaxLength);
    }

    private static string? Truncate(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>
/// Records read in bulk by one user for one tenant in one UTC hour (vendor list pages, exports…).
/// The hour's total drives the step-up and refusal thresholds; the last 30 days give the user's baseline.
/// </summary>
public sealed class ExportCounter : TenantOwnedEntity
{
    private ExportCounter()
    {
    }

    public ExportCounter(string userId, DateTimeOffset hourStartUtc, long records)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        UserId = userId;
        HourStartUtc = HourOf(hourStartUtc);
        Records = records;
    }

    public string UserId { get; private set; } = string.Empty;

    public DateTimeOffset HourStartUtc { get; private set; }

    public long Records { get; private set; }

    public static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>A tenant's bulk-read thresholds, set by its Administrators and CISOs.</summary>
public sealed class TenantSecuritySettings : TenantOwnedEntity
{
    public const int DefaultStepUpThreshold = 500;
    public const int DefaultRefusalThreshold = 2000;
    public const int DefaultBaselineMultiplier = 5;
    public const int MaxThreshold = 1_000_000;

    public TenantSecuritySettings()
    {
    }

    /// <summary>Records per user per hour above which re-authentication is demanded.</summary>
    public int StepUpThreshold { get; private set; } = DefaultStepUpThreshold;

    /// <summary>Records per user per hour above which bulk reads are refused and an alert raised.</summary>
    public int RefusalThreshold { get; private set; } = DefaultRefusalThreshold;

    /// <summary>How many times the user's 30-day hourly baseline this hour's volume must reach to raise an alert.</summary>
    public int BaselineMultiplier { get; private set; } = DefaultBaselineMultiplier;

    /// <summary>Sets the thresholds; returns the broken rule's name, or null when they were applied.</summary>
    public string? Change(int stepUp, int refusal, int multiplier)
    {
        if (stepUp < 1 || stepUp > MaxThreshold || refusal < 1 || refusal > MaxThreshold)
        {
            return "range";
        }

        if (refusal <= stepUp)
        {
            return "order";
        }

        if (multiplier < 2 || multiplier > 100)
        {
            return "multiplier";
        }

        StepUpThreshold = stepUp;
        RefusalThreshold = refusal;
        BaselineMultiplier = multiplier;
        return null;
    }
}
