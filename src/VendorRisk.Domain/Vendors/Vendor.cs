using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Vendors;

/// <summary>
/// A company in a hospital's vendor register. The record belongs to the hospital (its tenant); the
/// optional link to the vendor's own organisation lets that organisation answer questionnaires
/// without ever seeing the hospital's record.
/// </summary>
public sealed class Vendor : TenantOwnedEntity
{
    public const int LegalNameMaxLength = 200;
    public const int RegistrationNumberMaxLength = 50;
    public const int WebsiteMaxLength = 500;
    public const int ContactNameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 30;

    /// <summary>Folded legal name, a space and the registration number: at most both plus one.</summary>
    public const int SearchTextMaxLength = LegalNameMaxLength + 1 + RegistrationNumberMaxLength;

    private readonly List<SubProcessorLink> _subProcessors = [];

    private Vendor()
    {
        LegalName = string.Empty;
        CountryCode = string.Empty;
        SearchText = string.Empty;
    }

    public Vendor(Guid tenantId, string legalName, string countryCode, string? registrationNumber, DateTimeOffset createdAtUtc)
    {
        AssignTenant(tenantId);
        UpdateIdentity(legalName, countryCode, registrationNumber);
        CreatedAtUtc = createdAtUtc.ToUniversalTime();
    }

    public string LegalName { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string CountryCode { get; private set; }

    /// <summary>A valid SIRET (14 digits, no separators) when the country is FR; free text otherwise.</summary>
    public string? RegistrationNumber { get; private set; }

    /// <summary>
    /// <see cref="Vendors.SearchText.Fold"/> of the legal name and registration number, kept in step by
    /// <see cref="UpdateIdentity"/>: searching and duplicate detection ignore case and accents the
    /// same way on every database.
    /// </summary>
    public string SearchText { get; private set; }

    public Uri? Website { get; private set; }

    public string? SecurityContactName { get; private set; }

    public string? SecurityContactEmail { get; private set; }

    public string? SecurityContactPhone { get; private set; }

    public Guid? ParentCompanyId { get; private set; }

    public IReadOnlyCollection<SubProcessorLink> SubProcessors => _subProcessors.AsReadOnly();

    public IEnumerable<Guid> SubProcessorIds => _subProcessors.Select(link => link.SubProcessorId);

    /// <summary>The vendor's own organisation on VendorRisk, once linked.</summary>
    public Guid? LinkedOrganisationId { get; private set; }

    public bool IsArchived => ArchivedAtUtc is not null;

    public DateTimeOffset? ArchivedAtUtc { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    /// <summary>
    /// Optimistic concurrency token, renewed by every change made through this class; the
    /// persistence layer compares it on save so a second concurrent edit is refused rather than
    /// silently overwriting the first.
    /// </summary>
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    [MemberNotNull(nameof(LegalName), nameof(CountryCode), nameof(SearchText))]
    public void UpdateIdentity(string legalName, string countryCode, string? registrationNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(legalName);
        var name = legalName.Trim();
        if (name.Length > LegalNameMaxLength)
        {
            throw new ArgumentException($"A legal name has at most {LegalNameMaxLength} characters.", nameof(legalName));
        }

        var country = CountryCodes.Normalise(countryCode);
        var registration = NormaliseRegistrationNumber(country, registrationNumber);

        LegalName = name;
        CountryCode = country;
        RegistrationNumber = registration;
        SearchText = Vendors.SearchText.Fold(registration is null ? name : $"{name} {registration}");
        Touch();
    }

    public void SetWebsite(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
        {
            Website = null;
        }
        else
        {
            var trimmed = website.Trim();
            if (trimmed.Length > WebsiteMaxLength
                || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException("A website is an absolute http or https address.", nameof(website));
            }

            Website = uri;
        }

        Touch();
    }

    public void SetSecurityContact(string? name, string? email, string? phone)
    {
        var contactName = OptionalText(name, ContactNameMaxLength, nameof(name));
        var contactEmail = OptionalText(email, EmailMaxLength, nameof(email));
        if (contactEmail is not null && !IsEmailAddress(contactEmail))
        {
            throw new ArgumentException("The security contact e-mail is not a valid address.", nameof(email));
        }

        var contactPhone = OptionalText(phone, PhoneMaxLength, nameof(phone));
        if (contactPhone is not null
            && (!contactPhone.Any(char.IsAsciiDigit) || !contactPhone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-' or '(' or ')')))
        {
            throw new ArgumentException("A phone number holds digits, spaces and + . - ( ) only.", nameof(phone));
        }

        SecurityContactName = contactName;
        SecurityContactEmail = contactEmail;
        SecurityContactPhone = contactPhone;
        Touch();
    }

    /// <summary>
    /// Sets (or clears) the parent company. <paramref name="parentOf"/> returns the stored parent of
    /// any vendor of the tenant, so that a chain of parents can never loop back to this vendor.
    /// </summary>
    public void SetParentCompany(Vendor? parent, Func<Guid, Guid?> parentOf)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        if (parent is null)
        {
            ParentCompanyId = null;
            Touch();
            return;
        }

        EnsureSameTenant(parent);
        if (parent.Id == Id)
        {
            throw new InvalidOperationException("A vendor cannot be its own parent company.");
        }

        var visited = new HashSet<Guid> { parent.Id };
        for (var ancestor = parentOf(parent.Id); ancestor is { } current; ancestor = parentOf(current))
        {
            if (current == Id)
            {
                throw new InvalidOperationException("This parent company would make the group structure circular.");
            }

            if (!visited.Add(current))
            {
                break;
            }
        }

        ParentCompanyId = parent.Id;
        Touch();
    }

    /// <summary>
    /// Records that this vendor relies on <paramref name="subProcessor"/> (a fourth party for the
    /// hospital). <paramref name="subProcessorsOf"/> returns the stored sub-processors of any vendor
    /// of the tenant; a link that would close a loop (A → B → … → A) is refused.
    /// </summary>
    public void AddSubProcessor(Vendor subProcessor, Func<Guid, IEnumerable<Guid>> subProcessorsOf, DateTimeOffset addedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(subProcessor);
        ArgumentNullException.ThrowIfNull(subProcessorsOf);
        EnsureSameTenant(subProcessor);
        if (subProcessor.Id == Id)
        {
            throw new InvalidOperationException("A vendor cannot be its own sub-processor.");
        }

        if (_subProcessors.Exists(link => link.SubProcessorId == subProcessor.Id))
        {
            return;
        }

        if (Reaches(subProcessor.Id, Id, subProcessorsOf))
        {
            throw new InvalidOperationException(
                $"{subProcessor.LegalName} already relies, directly or not, on {LegalName}: the sub-processor chain would be circular.");
        }

        _subProcessors.Add(new SubProcessorLink(this, subProcessor.Id, addedAtUtc));
        Touch();
    }

    public void RemoveSubProcessor(Guid subProcessorId)
    {
        if (_subProcessors.RemoveAll(link => link.SubProcessorId == subProcessorId) > 0)
        {
            Touch();
        }
    }

    /// <summary>Links the vendor's own organisation, which may then answer this hospital's assessments.</summary>
    public void LinkOrganisation(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (organisation.Kind != OrganisationKind.Vendor)
        {
            throw new ArgumentException("Only a vendor organisation can be linked to a vendor record.", nameof(organisation));
        }

        LinkedOrganisationId = organisation.Id;
        Touch();
    }

    public void UnlinkOrganisation()
    {
        LinkedOrganisationId = null;
        Touch();
    }

    public void Archive(DateTimeOffset atUtc)
    {
        if (IsArchived)
        {
            return;
        }

        ArchivedAtUtc = atUtc.ToUniversalTime();
        Touch();
    }

    public void Restore()
    {
        if (!IsArchived)
        {
            return;
        }

        ArchivedAtUtc = null;
        Touch();
    }

    internal void EnsureNotArchived()
    {
        if (IsArchived)
        {
            throw new InvalidOperationException($"The vendor {LegalName} is archived.");
        }
    }

    private static string? NormaliseRegistrationNumber(string country, string? registrationNumber)
    {
        if (string.IsNullOrWhiteSpace(registrationNumber))
        {
            return null;
        }

        if (country == CountryCodes.France)
        {
            var siret = Siret.Normalise(registrationNumber.Trim());
            if (!Siret.IsValid(siret))
            {
                throw new ArgumentException("A French vendor's registration number must be a valid 14-digit SIRET.", nameof(registrationNumber));
            }

            return siret;
        }

        var trimmed = registrationNumber.Trim();
        if (trimmed.Length > RegistrationNumberMaxLength)
        {
            throw new ArgumentException($"A registration number has at most {RegistrationNumberMaxLength} characters.", nameof(registrationNumber));
        }

        return trimmed;
    }

    private static bool Reaches(Guid from, Guid target, Func<Guid, IEnumerable<Guid>> next)
    {
        var visited = new HashSet<Guid>();
        var pending = new Stack<Guid>();
        pending.Push(from);
        while (pending.TryPop(out var current))
        {
            if (current == target)
            {
                return true;
            }

            if (!visited.Add(current))
            {
                continue;
            }

            foreach (var following in next(current))
            {
                pending.Push(following);
            }
        }

        return false;
    }

    private static string? OptionalText(string? value, int maxLength, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new ArgumentException($"At most {maxLength} characters.", parameterName);
        }

        return trimmed;
    }

    private static bool IsEmailAddress(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    private void EnsureSameTenant(Vendor other)
    {
        if (other.TenantId != TenantId)
        {
            throw new TenantViolationException("A vendor can only be related to vendors of the same tenant.");
        }
    }

    private void Touch() => ConcurrencyToken = Guid.NewGuid();
}

/// <summary>"Vendor relies on SubProcessor": one edge of the tenant's fourth-party graph.</summary>
public sealed class SubProcessorLink : TenantOwnedEntity
{
    private SubProcessorLink()
    {
    }

    internal SubProcessorLink(Vendor vendor, Guid subProcessorId, DateTimeOffset addedAtUtc)
    {
        AssignTenant(vendor.TenantId);
        VendorId = vendor.Id;
        SubProcessorId = subProcessorId;
        AddedAtUtc = addedAtUtc.ToUniversalTime();
    }

    public Guid VendorId { get; private set; }

    public Guid SubProcessorId { get; private set; }

    public DateTimeOffset AddedAtUtc { get; private set; }
}
