namespace VendorRisk.Domain.Vendors.Tiering;

/// <summary>
/// One line of "why": a factor with the points it added (or removed), or a floor rule with the
/// minimum tier it imposes. The UI turns <see cref="ResourceKey"/> and <see cref="Arguments"/>
/// (plain numbers, formatted in the reader's culture) into French or English text; the domain holds
/// no UI strings. The sum of the points of all reasons equals the score.
/// </summary>
/// <param name="Code">A stable code from <see cref="InherentRiskReasonCodes"/>.</param>
/// <param name="Points">Points added to the score (0 for a floor rule).</param>
/// <param name="MinimumTier">For a floor rule, the tier below which the engagement cannot fall.</param>
/// <param name="Arguments">The code's parameters, in the order documented on the code.</param>
public sealed record RiskReason(string Code, int Points, RiskTier? MinimumTier, IReadOnlyList<long> Arguments)
{
    public const string ResourcePrefix = "InherentRisk.";

    public string ResourceKey => ResourcePrefix + Code;

    public bool IsFloor => MinimumTier is not null;
}

/// <summary>The stable reason codes of the inherent-risk rule, with their arguments.</summary>
public static class InherentRiskReasonCodes
{
    // Data sensitivity: the most sensitive declared category. Arguments: none.
    public const string DataNoPatientData = "Data.NoPatientData";
    public const string DataContact = "Data.Contact";
    public const string DataIdentity = "Data.Identity";
    public const string DataHealthInsurance = "Data.HealthInsurance";
    public const string DataPrescriptions = "Data.Prescriptions";
    public const string DataClinical = "Data.Clinical";

    // Patient record volume band. Arguments: [patient record count].
    public const string VolumeNone = "Volume.None";
    public const string VolumeUpTo1000 = "Volume.UpTo1000";
    public const string VolumeUpTo10000 = "Volume.UpTo10000";
    public const string VolumeUpTo100000 = "Volume.UpTo100000";
    public const string VolumeOver100000 = "Volume.Over100000";

    // Vendor access as declared. Arguments: none.
    public const string AccessNone = "Access.None";
    public const string AccessSupportOnRequest = "Access.SupportOnRequest";
    public const string AccessPermanentRemote = "Access.PermanentRemote";
    public const string AccessPrivileged = "Access.Privileged";

    /// <summary>Access declared lower than privileged while the register lists privileged accounts. Arguments: [account count].</summary>
    public const string AccessPrivilegedPerRegister = "Access.PrivilegedPerRegister";

    // Downtime tolerance band. Arguments: [hours].
    public const string DowntimeUpTo4Hours = "Downtime.UpTo4Hours";
    public const string DowntimeUpTo24Hours = "Downtime.UpTo24Hours";
    public const string DowntimeUpTo72Hours = "Downtime.UpTo72Hours";
    public const string DowntimeOver72Hours = "Downtime.Over72Hours";

    // Hosting. Arguments: none.
    public const string HostingOnPremises = "Hosting.OnPremises";
    public const string HostingVendorCloud = "Hosting.VendorCloud";
    public const string HostingHdsCertified = "Hosting.HdsCertified";

    // Privileged-access register flags (present only when raised). Arguments: [account count].
    public const string RegisterSharedAccounts = "Register.SharedAccounts";
    public const string RegisterAccountsWithoutMfa = "Register.AccountsWithoutMfa";

    // Score bounds. Arguments: [raw score before clamping].
    public const string ScoreCappedAt100 = "Score.CappedAt100";
    public const string ScoreRaisedToZero = "Score.RaisedToZero";

    /// <summary>Health data of more than 100,000 patients with remote or privileged vendor access. Arguments: [patient record count].</summary>
    public const string FloorHealthDataAtScaleWithRemoteAccess = "Floor.HealthDataAtScaleWithRemoteAccess";

    /// <summary>Patient data reachable through a shared account or one without MFA. Arguments: [shared accounts, accounts without MFA].</summary>
    public const string FloorUnprotectedPrivilegedAccount = "Floor.UnprotectedPrivilegedAccount";

    /// <summary>Downtime tolerated for at most 4 hours. Arguments: [hours].</summary>
    public const string FloorLowDowntimeTolerance = "Floor.LowDowntimeTolerance";
}
