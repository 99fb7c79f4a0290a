using VendorRisk.Domain.Vendors.Engagements;

namespace VendorRisk.Domain.Vendors.Tiering;

/// <summary>What the inherent-risk rule reads from an engagement and its privileged-access register.</summary>
public sealed record InherentRiskInput(
    DataCategories DataCategories,
    long PatientRecordCount,
    VendorAccess VendorAccess,
    HostingModel Hosting,
    int DowntimeToleranceHours,
    int PrivilegedAccounts,
    int SharedPrivilegedAccounts,
    int PrivilegedAccountsWithoutMfa)
{
    public static InherentRiskInput From(Engagement engagement)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        var accounts = engagement.PrivilegedAccounts;
        return new InherentRiskInput(
            engagement.DataCategories,
            engagement.PatientRecordCount,
            engagement.VendorAccess,
            engagement.Hosting,
            engagement.DowntimeToleranceHours,
            accounts.Count,
            accounts.Count(account => account.IsShared),
            accounts.Count(account => !account.MfaEnabled));
    }
}
