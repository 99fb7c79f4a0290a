using VendorRisk.Domain.Tenancy;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Vendors.Engagements;

/// <summary>
/// The hospital's use of one product: the data the vendor holds or reaches, how, and how long the
/// hospital can do without it. These inputs give the inherent risk and tier
/// (<see cref="InherentRiskCalculator"/>), recomputed and stored on every change so the register
/// can be sorted and filtered by tier; a CISO may override the tier, with a reason, in a history
/// that is never rewritten.
/// </summary>
public sealed class Engagement : TenantOwnedEntity
{
    public const int BusinessOwnerMaxLength = 200;
    public const int HdsCertificateNumberMaxLength = 100;
    public const int ListItemMaxLength = 200;
    public const int ListMaxItems = 100;

    private readonly List<string> _establishments = [];
    private readonly List<string> _integrationPoints = [];
    private readonly List<PrivilegedAccount> _privilegedAccounts = [];
    private readonly List<Contract> _contracts = [];
    private readonly List<TierOverrideEntry> _tierOverrideHistory = [];

    private Engagement()
    {
        BusinessOwner = string.Empty;
    }

    public Engagement(
        Product product,
        string businessOwner,
        DateOnly startsOn,
        HostingModel hosting,
        string? hdsCertificateNumber,
        DataCategories dataCategories,
        long patientRecordCount,
        VendorAccess vendorAccess,
        int downtimeToleranceHours)
    {
        ArgumentNullException.ThrowIfNull(product);
        AssignTenant(product.TenantId);
        ProductId = product.Id;
        VendorId = product.VendorId;
        BusinessOwner = string.Empty;
        ChangeBusinessOwner(businessOwner);
        SetPeriod(startsOn, null);
        ApplyHosting(hosting, hdsCertificateNumber);
        ApplyDataInventory(dataCategories, patientRecordCount);
        ApplyVendorAccess(vendorAccess);
        ApplyDowntimeTolerance(downtimeToleranceHours);
        RecomputeInherentRisk();
    }

    public Guid ProductId { get; private set; }

    public Guid VendorId { get; private set; }

    /// <summary>The person at the hospital accountable for this use of the product.</summary>
    public string BusinessOwner { get; private set; }

    public IReadOnlyList<string> Establishments => _establishments.AsReadOnly();

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public HostingModel Hosting { get; private set; }

    /// <summary>Required exactly when <see cref="Hosting"/> is <see cref="HostingModel.HdsCertifiedHost"/>.</summary>
    public string? HdsCertificateNumber { get; private set; }

    public DataCategories DataCategories { get; private set; }

    public long PatientRecordCount { get; private set; }

    public VendorAccess VendorAccess { get; private set; }

    /// <summary>Clinical criticality: how many hours care can go on without the product.</summary>
    public int DowntimeToleranceHours { get; private set; }

    public IReadOnlyList<string> IntegrationPoints => _integrationPoints.AsReadOnly();

    public IReadOnlyList<PrivilegedAccount> PrivilegedAccounts => _privilegedAccounts.AsReadOnly();

    public IReadOnlyList<Contract> Contracts => _contracts.AsReadOnly();

    /// <summary>Every override set or cleared, oldest first.</summary>
    public IReadOnlyList<TierOverrideEntry> TierOverrideHistory => _tierOverrideHistory.AsReadOnly();

    /// <summary>The last computed inherent-risk score (0–100).</summary>
    public int InherentRiskScore { get; private set; }

    /// <summary>The last computed tier, floors included.</summary>
    public RiskTier ComputedTier { get; private set; }

    /// <summary>The CISO's override, if one is in force.</summary>
    public RiskTier? OverrideTier { get; private set; }

    /// <summary>The tier that drives assessments: the override when there is one, else the computed tier.</summary>
    public RiskTier EffectiveTier => OverrideTier ?? ComputedTier;

    /// <summary>Optimistic concurrency token, renewed by every change made through this class.</summary>
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    public void ChangeBusinessOwner(string businessOwner)
    {
        BusinessOwner = RequiredText(businessOwner, BusinessOwnerMaxLength, nameof(businessOwner));
        Touch();
    }

    public void SetEstablishments(IEnumerable<string> establishments) => ReplaceList(_establishments, establishments, nameof(establishments));

    public void SetIntegrationPoints(IEnumerable<string> integrationPoints) => ReplaceList(_integrationPoints, integrationPoints, nameof(integrationPoints));

    public void SetPeriod(DateOnly startsOn, DateOnly? endsOn)
    {
        if (endsOn is { } end && end < startsOn)
        {
            throw new ArgumentException("An engagement ends on or after its start.", nameof(endsOn));
        }

        StartsOn = startsOn;
        EndsOn = endsOn;
        Touch();
    }

    public void SetHosting(HostingModel hosting, string? hdsCertificateNumber)
    {
        ApplyHosting(hosting, hdsCertificateNumber);
        RecomputeInherentRisk();
    }

    public void SetDataInventory(DataCategories dataCategories, long patientRecordCount)
    {
        ApplyDataInventory(dataCategories, patientRecordCount);
        RecomputeInherentRisk();
    }

    public void SetVendorAccess(VendorAccess vendorAccess)
    {
        ApplyVendorAccess(vendorAccess);
        RecomputeInherentRisk();
    }

    public void SetDowntimeTolerance(int hours)
    {
        ApplyDowntimeTolerance(hours);
        RecomputeInherentRisk();
    }

    public PrivilegedAccount AddPrivilegedAccount(AccountHolderKind holderKind, string holder, AccessPath accessPath, bool mfaEnabled, DateOnly? lastReviewedOn, DateOnly nextReviewDue)
    {
        var account = new PrivilegedAccount(this, holderKind, holder, accessPath, mfaEnabled, lastReviewedOn, nextReviewDue);
        _privilegedAccounts.Add(account);
        RecomputeInherentRisk();
        return account;
    }

    public void UpdatePrivilegedAccount(Guid accountId, AccountHolderKind holderKind, string holder, AccessPath accessPath, bool mfaEnabled)
    {
        PrivilegedAccount(accountId).Update(holderKind, holder, accessPath, mfaEnabled);
        RecomputeInherentRisk();
    }

    /// <summary>Records a review of a privileged account: it was reviewed on <paramref name="reviewedOn"/> and is next due on <paramref name="nextReviewDue"/>.</summary>
    public void RecordPrivilegedAccountReview(Guid accountId, DateOnly reviewedOn, DateOnly nextReviewDue)
    {
        PrivilegedAccount(accountId).SetReview(reviewedOn, nextReviewDue);
        Touch();
    }

    public void RemovePrivilegedAccount(Guid accountId)
    {
        _privilegedAccounts.Remove(PrivilegedAccount(accountId));
        RecomputeInherentRisk();
    }

    public Contract AddContract(ContractType type, string? title)
    {
        var contract = new Contract(this, type, title);
        _contracts.Add(contract);
        Touch();
        return contract;
    }

    /// <summary>
    /// Changes one contract's title, dates and clause checklist together, through the engagement
    /// so that its concurrency token changes too: two people editing the same contract at once
    /// cannot silently overwrite each other.
    /// </summary>
    public void UpdateContract(Guid contractId, string? title, DateOnly? signedOn, DateOnly? startsOn, DateOnly? endsOn, DateOnly? noticeOn, SecurityClauses presentClauses, int? breachNotificationDelayHours)
    {
        var contract = _contracts.Find(c => c.Id == contractId)
            ?? throw new InvalidOperationException($"No contract {contractId} on this engagement.");
        contract.Retitle(title);
        contract.SetDates(signedOn, startsOn, endsOn, noticeOn);
        contract.SetClauses(presentClauses, breachNotificationDelayHours);
        Touch();
    }

    public void RemoveContract(Guid contractId)
    {
        var contract = _contracts.Find(c => c.Id == contractId)
            ?? throw new InvalidOperationException($"No contract {contractId} on this engagement.");
        _contracts.Remove(contract);
        Touch();
    }

    /// <summary>The full explanation of the computed tier, from the current inputs.</summary>
    public InherentRiskResult EvaluateInherentRisk() => InherentRiskCalculator.Calculate(this);

    /// <summary>
    /// A CISO replaces the computed tier with <paramref name="tier"/>. The reason is mandatory: an
    /// unexplained override would hide the risk the rule measured. Authorization (CISO only) is the
    /// calling service's job.
    /// </summary>
    public TierOverrideEntry OverrideTierTo(RiskTier tier, string reason, string byUserId, DateTimeOffset atUtc)
    {
        if (!Enum.IsDefined(tier))
        {
            throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tier.");
        }

        var why = RequiredText(reason, TierOverrideEntry.ReasonMaxLength, nameof(reason));
        ArgumentException.ThrowIfNullOrWhiteSpace(byUserId);
        if (tier == EffectiveTier)
        {
            throw new InvalidOperationException($"The tier is already {tier}.");
        }

        var entry = new TierOverrideEntry(this, TierOverrideAction.Set, EffectiveTier, tier, why, byUserId, atUtc);
        OverrideTier = tier;
        _tierOverrideHistory.Add(entry);
        Touch();
        return entry;
    }

    /// <summary>Returns to the computed tier; the clearing and its reason join the history.</summary>
    public TierOverrideEntry ClearTierOverride(string reason, string byUserId, DateTimeOffset atUtc)
    {
        var why = RequiredText(reason, TierOverrideEntry.ReasonMaxLength, nameof(reason));
        ArgumentException.ThrowIfNullOrWhiteSpace(byUserId);
        if (OverrideTier is not { } current)
        {
            throw new InvalidOperationException("The tier is not overridden.");
        }

        var entry = new TierOverrideEntry(this, TierOverrideAction.Cleared, current, ComputedTier, why, byUserId, atUtc);
        OverrideTier = null;
        _tierOverrideHistory.Add(entry);
        Touch();
        return entry;
    }

    private PrivilegedAccount PrivilegedAccount(Guid accountId) =>
        _privilegedAccounts.Find(account => account.Id == accountId)
        ?? throw new InvalidOperationException($"No privileged account {accountId} on this engagement.");

    private void ApplyHosting(HostingModel hosting, string? hdsCertificateNumber)
    {
        if (!Enum.IsDefined(hosting))
        {
            throw new ArgumentOutOfRangeException(nameof(hosting), hosting, "Unknown hosting model.");
        }

        if (hosting == HostingModel.HdsCertifiedHost)
        {
            if (string.IsNullOrWhiteSpace(hdsCertificateNumber))
            {
                throw new ArgumentException("An HDS-certified host needs its certificate number.", nameof(hdsCertificateNumber));
            }

            HdsCertificateNumber = RequiredText(hdsCertificateNumber, HdsCertificateNumberMaxLength, nameof(hdsCertificateNumber));
        }
        else
        {
            HdsCertificateNumber = null;
        }

        Hosting = hosting;
    }

    private void ApplyDataInventory(DataCategories dataCategories, long patientRecordCount)
    {
        EngagementRules.EnsureDataInventory(dataCategories, patientRecordCount);
        DataCategories = dataCategories;
        PatientRecordCount = patientRecordCount;
    }

    private void ApplyVendorAccess(VendorAccess vendorAccess)
    {
        if (!Enum.IsDefined(vendorAccess))
        {
            throw new ArgumentOutOfRangeException(nameof(vendorAccess), vendorAccess, "Unknown vendor access.");
        }

        VendorAccess = vendorAccess;
    }

    private void ApplyDowntimeTolerance(int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, EngagementRules.MaxDowntimeToleranceHours);
        DowntimeToleranceHours = hours;
    }

    private void RecomputeInherentRisk()
    {
        var result = EvaluateInherentRisk();
        InherentRiskScore = result.Score;
        ComputedTier = result.Tier;
        Touch();
    }

    private void ReplaceList(List<string> target, IEnumerable<string> items, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        var cleaned = new List<string>();
        foreach (var item in items)
        {
            var text = RequiredText(item, ListItemMaxLength, parameterName);
            if (!cleaned.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                cleaned.Add(text);
            }
        }

        if (cleaned.Count > ListMaxItems)
        {
            throw new ArgumentException($"At most {ListMaxItems} entries.", parameterName);
        }

        target.Clear();
        target.AddRange(cleaned);
        Touch();
    }

    private static string RequiredText(string? value, int maxLength, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new ArgumentException($"At most {maxLength} characters.", parameterName);
        }

        return trimmed;
    }

    private void Touch() => ConcurrencyToken = Guid.NewGuid();
}
