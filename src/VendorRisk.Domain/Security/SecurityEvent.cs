using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Security;

/// <summary>What happened to an account.</summary>
public enum SecurityEventKind
{
    SignInSucceeded = 1,
    SignInFailed = 2,
    LockedOut = 3,
    SignInRefused = 4,
    MfaCodeRejected = 10,
    MfaEnrolled = 11,
    RecoveryCodeUsed = 12,
    MfaEnrolmentStarted = 13,
    SignedOut = 20,
    OrganisationSwitched = 21,
    InvitationSent = 30,
    InvitationResent = 31,
    InvitationRevoked = 32,
    InvitationAccepted = 33,
    InvitationRejected = 34,
    MembershipRemoved = 40,
    RoleChanged = 41,
    RateLimited = 50,

    // Passkeys, tenant passkey policy and step-up re-authentication.
    PasskeyAdded = 70,
    PasskeyRemoved = 71,
    PasskeyRenamed = 72,
    PasskeyRejected = 73,
    PasskeyPolicyChanged = 74,
    PasskeyEnrolmentRequired = 75,
    StepUpPassed = 76,
    StepUpFailed = 77,
    EvidenceIntegrityFailed = 60,
    EvidenceMalwareFound = 61,
}

/// <summary>
/// One sign-in, failure, MFA change, lockout, invitation or role change: who, when, from where.
/// Kept here per account for platform code (rate limits, later alerts); each is also appended to
/// the tamper-evident audit log, chained per tenant, which is what tenants read.
/// </summary>
[TenantExempt("Sign-in events concern accounts, which span organisations, and are read only by platform code; tenants read them through the audit log, chained per tenant.")]
public sealed class SecurityEvent
{
    public const int EmailMaxLength = 256;
    public const int UserAgentMaxLength = 512;
    public const int DetailMaxLength = 1000;

    private SecurityEvent()
    {
    }

    public SecurityEvent(
        SecurityEventKind kind,
        DateTimeOffset occurredAtUtc,
        string? userId,
        string? email,
        Guid? organisationId,
        string? ipAddress,
        string? userAgent,
        string? detail)
    {
        Kind = kind;
        OccurredAtUtc = occurredAtUtc.ToUniversalTime();
        UserId = userId;
        Email = Truncate(email, EmailMaxLength);
        OrganisationId = organisationId;
        IpAddress = Truncate(ipAddress, 64);
        UserAgent = Truncate(userAgent, UserAgentMaxLength);
        Detail = Truncate(detail, DetailMaxLength);
    }

    public long Id { get; private set; }

    public SecurityEventKind Kind { get; private set; }

    public DateTimeOffset OccurredAtUtc { get; private set; }

    /// <summary>The account concerned, when known (a failed sign-in for an unknown e-mail has none).</summary>
    public string? UserId { get; private set; }

    /// <summary>The e-mail typed or concerned, truncated.</summary>
    public string? Email { get; private set; }

    public Guid? OrganisationId { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>Free text, never a secret (no password, code or token).</summary>
    public string? Detail { get; private set; }

    private static string? Truncate(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}
