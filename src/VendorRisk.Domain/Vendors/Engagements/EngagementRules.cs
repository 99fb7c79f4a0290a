namespace VendorRisk.Domain.Vendors.Engagements;

/// <summary>Invariants shared by the engagement and the inherent-risk rule.</summary>
public static class EngagementRules
{
    public const int MaxDowntimeToleranceHours = 24 * 366;

    /// <summary>
    /// A data inventory declares at least one category; "no patient data" excludes every other
    /// category and any patient record.
    /// </summary>
    public static void EnsureDataInventory(DataCategories categories, long patientRecordCount)
    {
        const DataCategories known = DataCategoriesExtensions.PatientDataCategories | DataCategories.NoPatientData;
        if (categories == DataCategories.None || (categories & ~known) != 0)
        {
            throw new ArgumentException("Declare the categories of patient data held, or \"no patient data\".", nameof(categories));
        }

        if (categories.HasFlag(DataCategories.NoPatientData) && categories != DataCategories.NoPatientData)
        {
            throw new ArgumentException("\"No patient data\" excludes every other category.", nameof(categories));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patientRecordCount);
        if (categories == DataCategories.NoPatientData && patientRecordCount != 0)
        {
            throw new ArgumentException("An engagement without patient data holds no patient record.", nameof(patientRecordCount));
        }
    }
}
