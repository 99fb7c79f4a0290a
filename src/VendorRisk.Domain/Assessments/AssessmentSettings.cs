using VendorRisk.Domain.Tenancy;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Assessments;

/// <summary>
/// A hospital's assessment settings, set by its Administrators and CISOs: which questionnaire the
/// launch page suggests for Medium-tier engagements, and the months until the next assessment per
/// tier. One row per organisation; without a row the defaults apply (issue 6: Critical 12, High 12,
/// Medium 24, Low 36 months; Medium gets the full baseline).
/// </summary>
public sealed class AssessmentSettings : TenantOwnedEntity
{
    public const int MinMonths = 1;
    public const int MaxMonths = 60;

    public AssessmentSettings()
    {
    }

    /// <summary>The questionnaire template (its newest published version) suggested for Medium tier; null: the full baseline.</summary>
    public Guid? MediumTierTemplateId { get; private set; }

    public int CriticalReassessmentMonths { get; private set; } = DefaultMonths(RiskTier.Critical);

    public int HighReassessmentMonths { get; private set; } = DefaultMonths(RiskTier.High);

    public int MediumReassessmentMonths { get; private set; } = DefaultMonths(RiskTier.Medium);

    public int LowReassessmentMonths { get; private set; } = DefaultMonths(RiskTier.Low);

    /// <summary>The defaults: Critical 12, High 12, Medium 24, Low 36.</summary>
    public static int DefaultMonths(RiskTier tier) => Assessment.ReassessmentMonths(tier);

    public int MonthsFor(RiskTier tier) => tier switch
    {
        RiskTier.Critical => CriticalReassessmentMonths,
        RiskTier.High => HighReassessmentMonths,
        RiskTier.Medium => MediumReassessmentMonths,
        _ => LowReassessmentMonths,
    };

    public static bool IsValidMonths(int months) => months is >= MinMonths and <= MaxMonths;

    /// <summary>Applies all settings at once; throws when a number of months is out of range (nothing changes then).</summary>
    public void Change(Guid? mediumTierTemplateId, int critical, int high, int medium, int low)
    {
        foreach (var months in new[] { critical, high, medium, low })
        {
            if (!IsValidMonths(months))
            {
                throw new ArgumentOutOfRangeException(nameof(critical), months, $"Months until the next assessment are between {MinMonths} and {MaxMonths}.");
            }
        }

        MediumTierTemplateId = mediumTierTemplateId == Guid.Empty ? null : mediumTierTemplateId;
        CriticalReassessmentMonths = critical;
        HighReassessmentMonths = high;
        MediumReassessmentMonths = medium;
        LowReassessmentMonths = low;
    }
}
