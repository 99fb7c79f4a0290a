using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;

namespace VendorRisk.Web.Features.Vendors;

/// <summary>The checklist's findings on one engagement's contracts, as sentences.</summary>
public static class ContractAttention
{
    public static IEnumerable<string> Lines(IStringLocalizer l, string productName, Engagement engagement, EngagementContractReview review)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(engagement);
        ArgumentNullException.ThrowIfNull(review);
        if (review.DataProcessingAgreementMissing)
        {
            yield return l["Contracts_DpaMissing", productName];
        }

        foreach (var check in review.Contracts)
        {
            var contract = engagement.Contracts.First(c => c.Id == check.ContractId);
            var name = contract.Title ?? l[$"ContractType_{contract.Type}"].Value;
            if (check.MissingClauses != SecurityClauses.None)
            {
                yield return l["Contracts_MissingClauses", productName, name, RegisterTexts.Clauses(l, check.MissingClauses)];
            }

            if (check.BreachNotificationTooSlow)
            {
                yield return l["Contracts_BreachTooSlow", productName, name, contract.BreachNotificationDelayHours ?? 0, ContractChecklist.MaxBreachNotificationDelayHours];
            }

            if (check.EndingSoon)
            {
                yield return l["Contracts_EndingSoon", productName, name, RegisterTexts.Date(contract.EndsOn)];
            }

            if (check.NoticeSoon)
            {
                yield return l["Contracts_NoticeSoon", productName, name, RegisterTexts.Date(contract.NoticeOn)];
            }

            if (check.Expired)
            {
                yield return l["Contracts_Expired", productName, name, RegisterTexts.Date(contract.EndsOn)];
            }
        }
    }
}
