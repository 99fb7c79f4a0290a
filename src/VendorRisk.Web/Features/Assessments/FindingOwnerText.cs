using Microsoft.Extensions.Localization;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>A finding's owner as pages say it (ADR 0016): a member, a kept free text, a former member, or nobody chosen.</summary>
public static class FindingOwnerText
{
    /// <summary>The owner of <paramref name="finding"/>; the assessment owner's name (who follows up a finding without owner) when known.</summary>
    public static string Of(FindingView finding, IStringLocalizer localizer, string? assessmentOwnerName = null)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(localizer);
        return finding.OwnerIsFormerMember ? localizer["FindingOwner_Former"]
            : finding.OwnerIsLabel ? localizer["FindingOwner_LabelText", finding.OwnerName]
            : finding.OwnerUserId is not null ? finding.OwnerName
            : assessmentOwnerName is { Length: > 0 } name ? localizer["FindingOwner_NobodyShort", name]
            : localizer["FindingOwner_NobodyGeneric"];
    }
}
