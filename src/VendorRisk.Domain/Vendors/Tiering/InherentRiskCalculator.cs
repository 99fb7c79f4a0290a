using VendorRisk.Domain.Vendors.Engagements;
using Codes = VendorRisk.Domain.Vendors.Tiering.InherentRiskReasonCodes;

namespace VendorRisk.Domain.Vendors.Tiering;

/// <summary>The score, the tier it gives, the tier after floor rules, and every reason.</summary>
/// <param name="Score">0–100, the sum of the points of <paramref name="Reasons"/>.</param>
/// <param name="ScoreTier">The tier the score alone gives.</param>
/// <param name="Tier">The computed tier: the highest of <paramref name="ScoreTier"/> and the applicable floors.</param>
/// <param name="Reasons">Each factor with its points, then the clamp if any, then each floor that applies.</param>
public sealed record InherentRiskResult(int Score, RiskTier ScoreTier, RiskTier Tier, IReadOnlyList<RiskReason> Reasons);

/// <summary>
/// The inherent risk of an engagement: how much harm the vendor could do before any assessment of
/// its practices. Pure and explainable: every point comes with a reason (see docs/scoring.md,
/// "Inherent risk and tier").
/// </summary>
/// <remarks>
/// <para>Points are added per factor:</para>
/// <list type="bullet">
/// <item>Data sensitivity, the most sensitive declared category: no patient data 0, contact 8,
/// identity 12, health card/insurance 18, prescriptions 25, clinical 30.</item>
/// <item>Patient record volume: 0 → 0; 1–1,000 → 5; 1,001–10,000 → 10; 10,001–100,000 → 18;
/// more than 100,000 → 25.</item>
/// <item>Vendor access: none 0, support on request 8, permanent remote 16, privileged 25. A
/// privileged-access register that lists any account means privileged access whatever was
/// declared: the MediBoard breach went through exactly such an account.</item>
/// <item>Downtime tolerance: ≤ 4 h → 12; ≤ 24 h → 8; ≤ 72 h → 4; more → 0.</item>
/// <item>Hosting: on premises 0, vendor cloud +4, HDS-certified host −4.</item>
/// <item>Register: any shared account +6, any account without MFA +8.</item>
/// </list>
/// <para>The total is clamped to 0–100 (the clamp is itself a reason). Tier by score: ≥ 70
/// Critical, ≥ 45 High, ≥ 20 Medium, else Low. Floors then raise the tier whatever the points:
/// health data (clinical or prescriptions) of more than 100,000 patients with permanent remote or
/// privileged access is Critical; patient data reachable through a shared account or an account
/// without MFA is at least High; a downtime tolerance of 4 hours or less is at least Medium.</para>
/// <para>Review dates are not an input: an overdue review is a control failing (residual risk),
/// not a property of what the vendor could do, and the inherent tier must not change overnight.</para>
/// </remarks>
public static class InherentRiskCalculator
{
    public const int MaxScore = 100;

    public const int CriticalThreshold = 70;
    public const int HighThreshold = 45;
    public const int MediumThreshold = 20;

    public const int ContactDataPoints = 8;
    public const int IdentityDataPoints = 12;
    public const int HealthInsuranceDataPoints = 18;
    public const int PrescriptionsDataPoints = 25;
    public const int ClinicalDataPoints = 30;

    public const long SmallVolumeMax = 1_000;
    public const long MediumVolumeMax = 10_000;
    public const long LargeVolumeMax = 100_000;
    public const int SmallVolumePoints = 5;
    public const int MediumVolumePoints = 10;
    public const int LargeVolumePoints = 18;
    public const int MassiveVolumePoints = 25;

    public const int SupportOnRequestPoints = 8;
    public const int PermanentRemotePoints = 16;
    public const int PrivilegedPoints = 25;

    public const int VeryLowDowntimeHours = 4;
    public const int LowDowntimeHours = 24;
    public const int ModerateDowntimeHours = 72;
    public const int VeryLowDowntimePoints = 12;
    public const int LowDowntimePoints = 8;
    public const int ModerateDowntimePoints = 4;

    public const int VendorCloudPoints = 4;
    public const int HdsCertifiedHostPoints = -4;

    public const int SharedAccountPoints = 6;
    public const int AccountWithoutMfaPoints = 8;

    /// <summary>Above this many patient records, health data with remote access is Critical.</summary>
    public const long CriticalFloorRecordCount = LargeVolumeMax;

    public static InherentRiskResult Calculate(Engagement engagement) => Calculate(InherentRiskInput.From(engagement));

    public static InherentRiskResult Calculate(InherentRiskInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        EngagementRules.EnsureDataInventory(input.DataCategories, input.PatientRecordCount);
        ArgumentOutOfRangeException.ThrowIfNegative(input.DowntimeToleranceHours);

        var effectiveAccess = input.PrivilegedAccounts > 0 ? VendorAccess.Privileged : input.VendorAccess;
        var reasons = new List<RiskReason>
        {
            DataSensitivity(input.DataCategories),
            Volume(input.PatientRecordCount),
            Access(input.VendorAccess, input.PrivilegedAccounts),
            Downtime(input.DowntimeToleranceHours),
            Hosting(input.Hosting),
        };

        if (input.SharedPrivilegedAccounts > 0)
        {
            reasons.Add(Factor(Codes.RegisterSharedAccounts, SharedAccountPoints, input.SharedPrivilegedAccounts));
        }

        if (input.PrivilegedAccountsWithoutMfa > 0)
        {
            reasons.Add(Factor(Codes.RegisterAccountsWithoutMfa, AccountWithoutMfaPoints, input.PrivilegedAccountsWithoutMfa));
        }

        var raw = reasons.Sum(reason => reason.Points);
        var score = Math.Clamp(raw, 0, MaxScore);
        if (score != raw)
        {
            reasons.Add(Factor(raw > MaxScore ? Codes.ScoreCappedAt100 : Codes.ScoreRaisedToZero, score - raw, raw));
        }

        var scoreTier = TierForScore(score);
        var tier = scoreTier;
        foreach (var floor in Floors(input, effectiveAccess))
        {
            reasons.Add(floor);
            if (floor.MinimumTier > tier)
            {
                tier = floor.MinimumTier.Value;
            }
        }

        return new InherentRiskResult(score, scoreTier, tier, reasons);
    }

    public static RiskTier TierForScore(int score) => score switch
    {
        >= CriticalThreshold => RiskTier.Critical,
        >= HighThreshold => RiskTier.High,
        >= MediumThreshold => RiskTier.Medium,
        _ => RiskTier.Low,
    };

    private static IEnumerable<RiskReason> Floors(InherentRiskInput input, VendorAccess effectiveAccess)
    {
        if (input.DataCategories.HoldsHealthData()
            && input.PatientRecordCount > CriticalFloorRecordCount
            && effectiveAccess >= VendorAccess.PermanentRemote)
        {
            yield return Floor(Codes.FloorHealthDataAtScaleWithRemoteAccess, RiskTier.Critical, input.PatientRecordCount);
        }

        if (input.DataCategories.HoldsPatientData()
            && input.PatientRecordCount > 0
            && (input.SharedPrivilegedAccounts > 0 || input.PrivilegedAccountsWithoutMfa > 0))
        {
            yield return Floor(Codes.FloorUnprotectedPrivilegedAccount, RiskTier.High, input.SharedPrivilegedAccounts, input.PrivilegedAccountsWithoutMfa);
        }

        if (input.DowntimeToleranceHours <= VeryLowDowntimeHours)
        {
            yield return Floor(Codes.FloorLowDowntimeTolerance, RiskTier.Medium, input.DowntimeToleranceHours);
        }
    }

    private static RiskReason DataSensitivity(DataCategories categories) =>
        (categories & DataCategories.Clinical) != 0 ? Factor(Codes.DataClinical, ClinicalDataPoints)
        : (categories & DataCategories.Prescriptions) != 0 ? Factor(Codes.DataPrescriptions, PrescriptionsDataPoints)
        : (categories & DataCategories.HealthInsurance) != 0 ? Factor(Codes.DataHealthInsurance, HealthInsuranceDataPoints)
        : (categories & DataCategories.Identity) != 0 ? Factor(Codes.DataIdentity, IdentityDataPoints)
        : (categories & DataCategories.Contact) != 0 ? Factor(Codes.DataContact, ContactDataPoints)
        : Factor(Codes.DataNoPatientData, 0);

    private static RiskReason Volume(long records) => records switch
    {
        0 => Factor(Codes.VolumeNone, 0, records),
        <= SmallVolumeMax => Factor(Codes.VolumeUpTo1000, SmallVolumePoints, records),
        <= MediumVolumeMax => Factor(Codes.VolumeUpTo10000, MediumVolumePoints, records),
        <= LargeVolumeMax => Factor(Codes.VolumeUpTo100000, LargeVolumePoints, records),
        _ => Factor(Codes.VolumeOver100000, MassiveVolumePoints, records),
    };

    private static RiskReason Access(VendorAccess declared, int privilegedAccounts)
    {
        if (privilegedAccounts > 0 && declared < VendorAccess.Privileged)
        {
            return Factor(Codes.AccessPrivilegedPerRegister, PrivilegedPoints, privilegedAccounts);
        }

        return declared switch
        {
            VendorAccess.None => Factor(Codes.AccessNone, 0),
            VendorAccess.SupportOnRequest => Factor(Codes.AccessSupportOnRequest, SupportOnRequestPoints),
            VendorAccess.PermanentRemote => Factor(Codes.AccessPermanentRemote, PermanentRemotePoints),
            VendorAccess.Privileged => Factor(Codes.AccessPrivileged, PrivilegedPoints),
            _ => throw new ArgumentOutOfRangeException(nameof(declared), declared, "Unknown vendor access."),
        };
    }

    private static RiskReason Downtime(int hours) => hours switch
    {
        <= VeryLowDowntimeHours => Factor(Codes.DowntimeUpTo4Hours, VeryLowDowntimePoints, hours),
        <= LowDowntimeHours => Factor(Codes.DowntimeUpTo24Hours, LowDowntimePoints, hours),
        <= ModerateDowntimeHours => Factor(Codes.DowntimeUpTo72Hours, ModerateDowntimePoints, hours),
        _ => Factor(Codes.DowntimeOver72Hours, 0, hours),
    };

    private static RiskReason Hosting(HostingModel hosting) => hosting switch
    {
        HostingModel.OnPremises => Factor(Codes.HostingOnPremises, 0),
        HostingModel.VendorCloud => Factor(Codes.HostingVendorCloud, VendorCloudPoints),
        HostingModel.HdsCertifiedHost => Factor(Codes.HostingHdsCertified, HdsCertifiedHostPoints),
        _ => throw new ArgumentOutOfRangeException(nameof(hosting), hosting, "Unknown hosting model."),
    };

    private static RiskReason Factor(string code, int points, params long[] arguments) => new(code, points, null, arguments);

    private static RiskReason Floor(string code, RiskTier minimum, params long[] arguments) => new(code, 0, minimum, arguments);
}
