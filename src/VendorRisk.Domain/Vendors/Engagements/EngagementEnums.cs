namespace VendorRisk.Domain.Vendors.Engagements;

/// <summary>Where the engagement's data lives.</summary>
public enum HostingModel
{
    OnPremises = 1,
    VendorCloud = 2,

    /// <summary>A host certified HDS (hébergeur de données de santé); its certificate number is then required.</summary>
    HdsCertifiedHost = 3,
}

/// <summary>
/// The categories of patient data the vendor holds or can reach. <see cref="NoPatientData"/> is an
/// explicit answer and excludes every other category; the zero value means "not declared" and is
/// never accepted on an engagement.
/// </summary>
[Flags]
public enum DataCategories
{
    None = 0,
    Identity = 1,
    Contact = 2,
    Clinical = 4,
    Prescriptions = 8,

    /// <summary>Health-card (carte Vitale) and insurance history.</summary>
    HealthInsurance = 16,
    NoPatientData = 32,
}

/// <summary>The vendor's access to the engagement's systems, from least to most dangerous (the order is used).</summary>
public enum VendorAccess
{
    None = 1,
    SupportOnRequest = 2,
    PermanentRemote = 3,
    Privileged = 4,
}

public enum AccountHolderKind
{
    NamedPerson = 1,
    SharedAccount = 2,
}

public enum AccessPath
{
    Vpn = 1,
    Bastion = 2,
    Direct = 3,
}

public static class DataCategoriesExtensions
{
    public const DataCategories PatientDataCategories =
        DataCategories.Identity | DataCategories.Contact | DataCategories.Clinical
        | DataCategories.Prescriptions | DataCategories.HealthInsurance;

    /// <summary>Health data in the sense of GDPR art. 9 for scoring: clinical records and prescriptions.</summary>
    public const DataCategories HealthDataCategories = DataCategories.Clinical | DataCategories.Prescriptions;

    public static bool HoldsPatientData(this DataCategories categories) => (categories & PatientDataCategories) != 0;

    public static bool HoldsHealthData(this DataCategories categories) => (categories & HealthDataCategories) != 0;
}
