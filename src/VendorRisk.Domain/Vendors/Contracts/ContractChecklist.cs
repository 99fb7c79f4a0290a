using VendorRisk.Domain.Vendors.Engagements;

namespace VendorRisk.Domain.Vendors.Contracts;

/// <summary>What the checklist found on one contract, given today.</summary>
/// <param name="ContractId">The contract checked.</param>
/// <param name="Type">Its type, which decides the required clauses.</param>
/// <param name="MissingClauses">Required clauses for the contract's type that are absent.</param>
/// <param name="BreachNotificationTooSlow">The stated delay leaves the hospital too little of its own 72 hours.</param>
/// <param name="EndingSoon">The contract ends today or within the alert window.</param>
/// <param name="NoticeSoon">The notice date is today or within the alert window.</param>
/// <param name="Expired">The contract ended before today.</param>
public sealed record ContractCheck(
    Guid ContractId,
    ContractType Type,
    SecurityClauses MissingClauses,
    bool BreachNotificationTooSlow,
    bool EndingSoon,
    bool NoticeSoon,
    bool Expired)
{
    public bool NeedsAttention =>
        MissingClauses != SecurityClauses.None || BreachNotificationTooSlow || EndingSoon || NoticeSoon || Expired;
}

/// <summary>The contracts of one engagement, checked together.</summary>
/// <param name="EngagementId">The engagement reviewed.</param>
/// <param name="DataProcessingAgreementMissing">The engagement holds patient data and has no DPA (GDPR art. 28) in force.</param>
/// <param name="Contracts">The check of each contract.</param>
public sealed record EngagementContractReview(Guid EngagementId, bool DataProcessingAgreementMissing, IReadOnlyList<ContractCheck> Contracts)
{
    public bool NeedsAttention => DataProcessingAgreementMissing || Contracts.Any(check => check.NeedsAttention);
}

/// <summary>
/// Required security clauses by contract type and the date alerts. A date alert is raised when the
/// end or notice date falls between today and today + <see cref="AlertWindowDays"/>, both included.
/// </summary>
/// <remarks>
/// Required clauses: a DPA must carry what GDPR art. 28(3) and chapter V ask of a processor (breach
/// notification, audit right, sub-processor approval, return or destruction of data, encryption as
/// an art. 32 measure, data in the EEA); a security annex the operational controls (breach
/// notification, audit right, MFA for remote access, encryption); an HDS clause the hosting terms
/// (data in the EEA, sub-processor approval, return or destruction, audit right); the main contract
/// the audit right and the return or destruction of data. A breach-notification delay above
/// <see cref="MaxBreachNotificationDelayHours"/> hours is flagged: the hospital must notify the
/// supervisory authority within 72 hours of becoming aware (GDPR art. 33).
/// </remarks>
public static class ContractChecklist
{
    public const int AlertWindowDays = 90;
    public const int MaxBreachNotificationDelayHours = 48;

    public static SecurityClauses RequiredClauses(ContractType type) => type switch
    {
        ContractType.MainContract => SecurityClauses.AuditRight | SecurityClauses.DataReturnOrDestruction,
        ContractType.DataProcessingAgreement => SecurityClauses.BreachNotification | SecurityClauses.AuditRight
            | SecurityClauses.SubProcessorApproval | SecurityClauses.DataReturnOrDestruction
            | SecurityClauses.Encryption | SecurityClauses.DataLocationInEea,
        ContractType.SecurityAnnex => SecurityClauses.BreachNotification | SecurityClauses.AuditRight
            | SecurityClauses.MfaForRemoteAccess | SecurityClauses.Encryption,
        ContractType.HdsClause => SecurityClauses.DataLocationInEea | SecurityClauses.SubProcessorApproval
            | SecurityClauses.DataReturnOrDestruction | SecurityClauses.AuditRight,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown contract type."),
    };

    public static ContractCheck Evaluate(Contract contract, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var windowEnd = today.AddDays(AlertWindowDays);
        return new ContractCheck(
            contract.Id,
            contract.Type,
            RequiredClauses(contract.Type) & ~contract.PresentClauses,
            contract.BreachNotificationDelayHours > MaxBreachNotificationDelayHours,
            contract.EndsOn is { } end && end >= today && end <= windowEnd,
            contract.NoticeOn is { } notice && notice >= today && notice <= windowEnd,
            contract.EndsOn is { } ended && ended < today);
    }

    public static EngagementContractReview Review(Engagement engagement, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        var checks = engagement.Contracts.Select(contract => Evaluate(contract, today)).ToList();
        var dpaMissing = engagement.DataCategories.HoldsPatientData()
            && !checks.Exists(check => check.Type == ContractType.DataProcessingAgreement && !check.Expired);
        return new EngagementContractReview(engagement.Id, dpaMissing, checks);
    }
}
