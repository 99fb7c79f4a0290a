using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Web.Features.Vendors;

/// <summary>What a use case of the register answers: success (with the id it created), or a message the user can act on.</summary>
public sealed record RegisterResult(bool Succeeded, string? Error, bool Conflict, Guid? Id)
{
    public static RegisterResult Ok(Guid? id = null) => new(true, null, false, id);

    public static RegisterResult Failed(string error) => new(false, error, false, null);

    public static RegisterResult Stale(string error) => new(false, error, true, null);
}

public enum VendorSort
{
    LegalName,
    Country,
    HighestTier,
    Products,
    Engagements,
}

/// <summary>One page of the vendor list: search, filters, sort and paging all run in the database.</summary>
public sealed record VendorQuery(
    string? Search = null,
    string? CountryCode = null,
    RiskTier? Tier = null,
    bool IncludeArchived = false,
    VendorSort SortBy = VendorSort.LegalName,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25)
{
    public const int MaxPageSize = 100;
    public const int SearchMaxLength = 200;
}

/// <summary>A vendor in the list; <c>HighestTier</c> is the highest effective tier among its engagements (null without engagement).</summary>
public sealed record VendorListRow(
    Guid Id,
    string LegalName,
    string CountryCode,
    string? RegistrationNumber,
    int Products,
    int Engagements,
    RiskTier? HighestTier,
    bool IsArchived);

public sealed record VendorListPage(IReadOnlyList<VendorListRow> Rows, int TotalCount);

public sealed record VendorOption(Guid Id, string LegalName);

/// <summary>Everything the vendor page shows. Entities are detached read-only copies.</summary>
public sealed record VendorDetails(
    Vendor Vendor,
    VendorOption? ParentCompany,
    IReadOnlyList<VendorOption> SubProcessors,
    IReadOnlyList<VendorOption> SubProcessorOf,
    string? LinkedOrganisationName,
    IReadOnlyList<Product> Products,
    IReadOnlyList<Engagement> Engagements,
    IReadOnlyList<PrivilegedAccessReviewDue> ReviewsDue,
    IReadOnlyList<EngagementContractReview> ContractReviews,
    DateOnly Today)
{
    public string ProductName(Guid productId) => Products.FirstOrDefault(p => p.Id == productId)?.Name ?? string.Empty;
}

public sealed record OverrideHistoryRow(TierOverrideEntry Entry, string ByName);

/// <summary>Everything the engagement page shows.</summary>
public sealed record EngagementDetails(
    Engagement Engagement,
    Product Product,
    VendorOption Vendor,
    bool VendorArchived,
    InherentRiskResult InherentRisk,
    IReadOnlyList<OverrideHistoryRow> OverrideHistory,
    EngagementContractReview ContractReview,
    IReadOnlyList<PrivilegedAccessReviewDue> ReviewsDue,
    DateOnly Today);

public sealed class VendorForm
{
    public string LegalName { get; set; } = string.Empty;

    public string CountryCode { get; set; } = CountryCodes.France;

    public string? RegistrationNumber { get; set; }

    public string? Website { get; set; }

    public string? SecurityContactName { get; set; }

    public string? SecurityContactEmail { get; set; }

    public string? SecurityContactPhone { get; set; }

    public Guid? ParentCompanyId { get; set; }

    public IReadOnlyCollection<Guid> SubProcessorIds { get; set; } = [];

    /// <summary>The concurrency token the editor saw (empty for a new vendor).</summary>
    public Guid ConcurrencyToken { get; set; }

    public static VendorForm From(Vendor vendor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        return new VendorForm
        {
            LegalName = vendor.LegalName,
            CountryCode = vendor.CountryCode,
            RegistrationNumber = vendor.RegistrationNumber,
            Website = vendor.Website?.ToString(),
            SecurityContactName = vendor.SecurityContactName,
            SecurityContactEmail = vendor.SecurityContactEmail,
            SecurityContactPhone = vendor.SecurityContactPhone,
            ParentCompanyId = vendor.ParentCompanyId,
            SubProcessorIds = vendor.SubProcessorIds.ToHashSet(),
            ConcurrencyToken = vendor.ConcurrencyToken,
        };
    }
}

public sealed class ProductForm
{
    public string Name { get; set; } = string.Empty;

    public ProductCategory Category { get; set; } = ProductCategory.ElectronicPatientRecord;
}

public sealed class EngagementForm
{
    public const int MaxPatientRecords = 1_000_000_000;

    public string BusinessOwner { get; set; } = string.Empty;

    /// <summary>One establishment per line.</summary>
    public string Establishments { get; set; } = string.Empty;

    public DateTime? StartsOn { get; set; }

    public DateTime? EndsOn { get; set; }

    public HostingModel Hosting { get; set; } = HostingModel.OnPremises;

    public string? HdsCertificateNumber { get; set; }

    public IReadOnlyCollection<DataCategories> DataCategories { get; set; } = [];

    public long PatientRecordCount { get; set; }

    public VendorAccess VendorAccess { get; set; } = VendorAccess.None;

    public int DowntimeToleranceHours { get; set; } = 72;

    /// <summary>One integration point per line.</summary>
    public string IntegrationPoints { get; set; } = string.Empty;

    public Guid ConcurrencyToken { get; set; }

    public DataCategories CombinedCategories =>
        DataCategories.Aggregate(Domain.Vendors.Engagements.DataCategories.None, (all, one) => all | one);

    public static EngagementForm From(Engagement engagement)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        return new EngagementForm
        {
            BusinessOwner = engagement.BusinessOwner,
            Establishments = string.Join('\n', engagement.Establishments),
            StartsOn = engagement.StartsOn.ToDateTime(TimeOnly.MinValue),
            EndsOn = engagement.EndsOn?.ToDateTime(TimeOnly.MinValue),
            Hosting = engagement.Hosting,
            HdsCertificateNumber = engagement.HdsCertificateNumber,
            DataCategories = Enum.GetValues<DataCategories>().Where(c => c != Domain.Vendors.Engagements.DataCategories.None && engagement.DataCategories.HasFlag(c)).ToHashSet(),
            PatientRecordCount = engagement.PatientRecordCount,
            VendorAccess = engagement.VendorAccess,
            DowntimeToleranceHours = engagement.DowntimeToleranceHours,
            IntegrationPoints = string.Join('\n', engagement.IntegrationPoints),
            ConcurrencyToken = engagement.ConcurrencyToken,
        };
    }
}

public sealed class PrivilegedAccountForm
{
    public AccountHolderKind HolderKind { get; set; } = AccountHolderKind.NamedPerson;

    public string Holder { get; set; } = string.Empty;

    public AccessPath AccessPath { get; set; } = AccessPath.Bastion;

    public bool MfaEnabled { get; set; } = true;

    public DateTime? LastReviewedOn { get; set; }

    public DateTime? NextReviewDue { get; set; }
}

public sealed class ContractForm
{
    public ContractType Type { get; set; } = ContractType.DataProcessingAgreement;

    public string? Title { get; set; }

    public DateTime? SignedOn { get; set; }

    public DateTime? StartsOn { get; set; }

    public DateTime? EndsOn { get; set; }

    public DateTime? NoticeOn { get; set; }

    public IReadOnlyCollection<SecurityClauses> PresentClauses { get; set; } = [];

    public int? BreachNotificationDelayHours { get; set; }

    public SecurityClauses CombinedClauses => PresentClauses.Aggregate(SecurityClauses.None, (all, one) => all | one);

    public static ContractForm From(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new ContractForm
        {
            Type = contract.Type,
            Title = contract.Title,
            SignedOn = contract.SignedOn?.ToDateTime(TimeOnly.MinValue),
            StartsOn = contract.StartsOn?.ToDateTime(TimeOnly.MinValue),
            EndsOn = contract.EndsOn?.ToDateTime(TimeOnly.MinValue),
            NoticeOn = contract.NoticeOn?.ToDateTime(TimeOnly.MinValue),
            PresentClauses = Enum.GetValues<SecurityClauses>().Where(c => c != SecurityClauses.None && contract.PresentClauses.HasFlag(c)).ToHashSet(),
            BreachNotificationDelayHours = contract.BreachNotificationDelayHours,
        };
    }
}
