using System.Net.Mail;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Web.Features.Vendors;

/// <summary>
/// The register's input rules as messages in the reader's language. The forms show them next to
/// each field as the user types; <see cref="VendorRegisterService"/> applies the same rules again
/// before anything reaches the domain, because a circuit can send any value a form would not.
/// The domain still guards its invariants; these checks only turn them into readable messages.
/// </summary>
public sealed class RegisterValidation(IStringLocalizer<SharedResource> l)
{
    public string? Required(string? value, string fieldKey) =>
        string.IsNullOrWhiteSpace(value) ? T("Register_Validation_Required", l[fieldKey]) : null;

    public string? MaxLength(string? value, int max, string fieldKey) =>
        value is not null && value.Trim().Length > max ? T("Register_Validation_TooLong", l[fieldKey], max) : null;

    public string? RequiredText(string? value, int max, string fieldKey) => Required(value, fieldKey) ?? MaxLength(value, max, fieldKey);

    public string? Country(string? code) =>
        Required(code, "Vendor_Country") ?? (CountryCodes.IsAssigned(code) ? null : T("Vendor_Validation_Country"));

    public string? RegistrationNumber(string? value, string? countryCode)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (string.Equals(countryCode?.Trim(), CountryCodes.France, StringComparison.OrdinalIgnoreCase))
        {
            return Siret.IsValid(value.Trim()) ? null : T("Vendor_Validation_Siret");
        }

        return MaxLength(value, Vendor.RegistrationNumberMaxLength, "Vendor_RegistrationNumber");
    }

    public string? Website(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= Vendor.WebsiteMaxLength
               && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
               && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : T("Vendor_Validation_Website");
    }

    public string? Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= Vendor.EmailMaxLength
               && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && trimmed.Contains('.', StringComparison.Ordinal)
            ? null
            : T("Vendor_Validation_Email");
    }

    public string? Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= Vendor.PhoneMaxLength
               && trimmed.Any(char.IsAsciiDigit)
               && trimmed.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-' or '(' or ')')
            ? null
            : T("Vendor_Validation_Phone");
    }

    public IReadOnlyList<string> ForVendor(VendorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Collect(
            RequiredText(form.LegalName, Vendor.LegalNameMaxLength, "Vendor_LegalName"),
            Country(form.CountryCode),
            RegistrationNumber(form.RegistrationNumber, form.CountryCode),
            Website(form.Website),
            MaxLength(form.SecurityContactName, Vendor.ContactNameMaxLength, "Vendor_ContactName"),
            Email(form.SecurityContactEmail),
            Phone(form.SecurityContactPhone));
    }

    public IReadOnlyList<string> ForProduct(ProductForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Collect(
            RequiredText(form.Name, Product.NameMaxLength, "Product_Name"),
            Enum.IsDefined(form.Category) ? null : T("Register_Validation_Required", l["Product_Category"]));
    }

    public string? Lines(string? value, string fieldKey)
    {
        var lines = SplitLines(value);
        if (lines.Count > Engagement.ListMaxItems)
        {
            return T("Engagement_Validation_TooManyLines", l[fieldKey], Engagement.ListMaxItems);
        }

        return lines.Any(line => line.Length > Engagement.ListItemMaxLength)
            ? T("Register_Validation_TooLong", l[fieldKey], Engagement.ListItemMaxLength)
            : null;
    }

    public string? DataCategoriesError(IReadOnlyCollection<DataCategories> categories)
    {
        if (categories.Count == 0)
        {
            return T("Engagement_Validation_DataCategories");
        }

        return categories.Contains(DataCategories.NoPatientData) && categories.Count > 1
            ? T("Engagement_Validation_NoPatientDataAlone")
            : null;
    }

    public string? PatientRecords(long count, IReadOnlyCollection<DataCategories> categories) =>
        count < 0 || count > EngagementForm.MaxPatientRecords ? T("Engagement_Validation_Records", EngagementForm.MaxPatientRecords.ToString("N0", System.Globalization.CultureInfo.CurrentCulture))
        : count > 0 && categories.Count == 1 && categories.Contains(DataCategories.NoPatientData) ? T("Engagement_Validation_RecordsWithoutData")
        : null;

    public string? Downtime(int hours) =>
        hours < 0 || hours > EngagementRules.MaxDowntimeToleranceHours ? T("Engagement_Validation_Downtime", EngagementRules.MaxDowntimeToleranceHours) : null;

    public IReadOnlyList<string> ForEngagement(EngagementForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Collect(
            RequiredText(form.BusinessOwner, Engagement.BusinessOwnerMaxLength, "Engagement_BusinessOwner"),
            Lines(form.Establishments, "Engagement_Establishments"),
            form.StartsOn is null ? T("Register_Validation_Required", l["Engagement_StartsOn"]) : null,
            form.StartsOn is { } start && form.EndsOn is { } end && end.Date < start.Date ? T("Engagement_Validation_EndBeforeStart") : null,
            Enum.IsDefined(form.Hosting) ? null : T("Register_Validation_Required", l["Engagement_Hosting"]),
            form.Hosting == HostingModel.HdsCertifiedHost
                ? RequiredText(form.HdsCertificateNumber, Engagement.HdsCertificateNumberMaxLength, "Engagement_HdsCertificate")
                : null,
            DataCategoriesError(form.DataCategories),
            PatientRecords(form.PatientRecordCount, form.DataCategories),
            Enum.IsDefined(form.VendorAccess) ? null : T("Register_Validation_Required", l["Engagement_VendorAccess"]),
            Downtime(form.DowntimeToleranceHours),
            Lines(form.IntegrationPoints, "Engagement_IntegrationPoints"));
    }

    /// <summary>The account's fields; with <paramref name="withReview"/> (a new account) its review dates too.</summary>
    public IReadOnlyList<string> ForPrivilegedAccount(PrivilegedAccountForm form, bool withReview)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!withReview)
        {
            return Collect(
                RequiredText(form.Holder, PrivilegedAccount.HolderMaxLength, "Access_Holder"),
                Enum.IsDefined(form.HolderKind) ? null : T("Register_Validation_Required", l["Access_HolderKind"]),
                Enum.IsDefined(form.AccessPath) ? null : T("Register_Validation_Required", l["Access_Path"]));
        }

        return Collect(
            RequiredText(form.Holder, PrivilegedAccount.HolderMaxLength, "Access_Holder"),
            Enum.IsDefined(form.HolderKind) ? null : T("Register_Validation_Required", l["Access_HolderKind"]),
            Enum.IsDefined(form.AccessPath) ? null : T("Register_Validation_Required", l["Access_Path"]),
            form.NextReviewDue is null ? T("Register_Validation_Required", l["Access_NextReviewDue"]) : null,
            form.LastReviewedOn is { } last && form.NextReviewDue is { } next && next.Date <= last.Date ? T("Access_Validation_NextAfterLast") : null);
    }

    public IReadOnlyList<string> ForContract(ContractForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var breach = form.PresentClauses.Contains(SecurityClauses.BreachNotification);
        return Collect(
            Enum.IsDefined(form.Type) ? null : T("Register_Validation_Required", l["Contract_Type"]),
            MaxLength(form.Title, Contract.TitleMaxLength, "Contract_Title"),
            form.StartsOn is { } start && form.EndsOn is { } end && end.Date < start.Date ? T("Contract_Validation_EndBeforeStart") : null,
            form.NoticeOn is { } notice && form.EndsOn is { } ending && notice.Date > ending.Date ? T("Contract_Validation_NoticeAfterEnd") : null,
            breach && form.BreachNotificationDelayHours is null ? T("Contract_Validation_BreachDelayRequired") : null,
            form.BreachNotificationDelayHours is { } hours && (hours < 0 || hours > Contract.MaxStatedBreachNotificationDelayHours)
                ? T("Contract_Validation_BreachDelayRange", Contract.MaxStatedBreachNotificationDelayHours)
                : null);
    }

    public IReadOnlyList<string> OverrideReason(string? reason) =>
        Collect(RequiredText(reason, TierOverrideEntry.ReasonMaxLength, "Tier_OverrideReason"));

    private string T(string key, params object[] arguments) => l[key, arguments].Value;

    internal static List<string> SplitLines(string? value) =>
        (value ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Length > 0)
            .ToList();

    private static List<string> Collect(params string?[] messages) => messages.OfType<string>().ToList();
}
