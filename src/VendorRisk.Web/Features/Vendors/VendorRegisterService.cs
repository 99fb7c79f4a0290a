using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Vendors;

/// <summary>
/// The use cases of the vendor register: the one place its rules run. Pages call it; it never
/// trusts them.
/// </summary>
/// <remarks>
/// <para>Tenancy: every query relies on the tenant filter (no query names an organisation), so an
/// id of another hospital finds nothing and is answered exactly like an id that does not exist.
/// Writes go through the tenant save interceptor as well.</para>
/// <para>Authorization: each use case re-checks the policy of its page (<see cref="Policies"/>),
/// because an action such as a tier override is a button on a page that other roles may open.</para>
/// <para>Concurrency: vendors and engagements carry the domain's concurrency token. An edit sends
/// the token the user saw; the save compares it in SQL, so the second of two concurrent editors is
/// told the record changed and nothing is overwritten. The user's form stays as typed.</para>
/// </remarks>
public sealed class VendorRegisterService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    CurrentUser currentUser,
    TimeProvider clock,
    RegisterValidation validation,
    IStringLocalizer<SharedResource> l)
{
    private ClaimsPrincipal User => currentUser.Principal;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    // ----- Vendors -----

    public async Task<VendorListPage> ListVendorsAsync(VendorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!User.Allows(Policies.VendorRead))
        {
            return new VendorListPage([], 0);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var vendors = Filter(db.Vendors.AsNoTracking(), query);
        var rows = vendors.Select(v => new
        {
            v.Id,
            v.LegalName,
            v.CountryCode,
            v.RegistrationNumber,
            Archived = v.ArchivedAtUtc != null,
            Products = db.Products.Count(p => p.VendorId == v.Id),
            Engagements = db.Engagements.Count(e => e.VendorId == v.Id),
            HighestTier = db.Engagements.Where(e => e.VendorId == v.Id).Max(e => (int?)(e.OverrideTier ?? e.ComputedTier)),
        });

        if (query.Tier is { } tier)
        {
            var wanted = (int)tier;
            rows = rows.Where(r => r.HighestTier == wanted);
        }

        var total = await rows.CountAsync(cancellationToken);
        var sorted = (query.SortBy, query.Descending) switch
        {
            (VendorSort.Country, false) => rows.OrderBy(r => r.CountryCode).ThenBy(r => r.LegalName),
            (VendorSort.Country, true) => rows.OrderByDescending(r => r.CountryCode).ThenBy(r => r.LegalName),
            (VendorSort.HighestTier, false) => rows.OrderBy(r => r.HighestTier ?? 0).ThenBy(r => r.LegalName),
            (VendorSort.HighestTier, true) => rows.OrderByDescending(r => r.HighestTier ?? 0).ThenBy(r => r.LegalName),
            (VendorSort.Products, false) => rows.OrderBy(r => r.Products).ThenBy(r => r.LegalName),
            (VendorSort.Products, true) => rows.OrderByDescending(r => r.Products).ThenBy(r => r.LegalName),
            (VendorSort.Engagements, false) => rows.OrderBy(r => r.Engagements).ThenBy(r => r.LegalName),
            (VendorSort.Engagements, true) => rows.OrderByDescending(r => r.Engagements).ThenBy(r => r.LegalName),
            (_, true) => rows.OrderByDescending(r => r.LegalName),
            _ => rows.OrderBy(r => r.LegalName),
        };

        var pageSize = Math.Clamp(query.PageSize, 1, VendorQuery.MaxPageSize);
        var page = Math.Max(query.Page, 0);
        var items = await sorted.ThenBy(r => r.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new VendorListPage(
            items.Select(r => new VendorListRow(r.Id, r.LegalName, r.CountryCode, r.RegistrationNumber, r.Products, r.Engagements, (RiskTier?)r.HighestTier, r.Archived)).ToList(),
            total);
    }

    /// <summary>The list's search and filters other than the tier (shared by the list and the export).</summary>
    internal static IQueryable<Vendor> Filter(IQueryable<Vendor> vendors, VendorQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.IncludeArchived)
        {
            vendors = vendors.Where(v => v.ArchivedAtUtc == null);
        }

        if (!string.IsNullOrWhiteSpace(query.CountryCode))
        {
            var country = query.CountryCode.Trim().ToUpperInvariant();
            vendors = vendors.Where(v => v.CountryCode == country);
        }

        // The search compares folded text (case and accents ignored, docs/adr/0011): "hopital"
        // finds "Hôpital" on SQLite and PostgreSQL alike. A longer term than any stored value
        // cannot match, so it is cut.
        var term = SearchText.Fold(query.Search);
        if (term.Length > 0)
        {
            term = term[..Math.Min(term.Length, Vendor.SearchTextMaxLength)];
            vendors = vendors.Where(v => v.SearchText.Contains(term));
        }

        return vendors;
    }

    /// <summary>The countries of the register's vendors, for the list filter.</summary>
    public async Task<IReadOnlyList<string>> CountriesInUseAsync(CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Vendors.Select(v => v.CountryCode).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }

    /// <summary>The tenant's vendors other than <paramref name="except"/>, for parent-company and sub-processor choices.</summary>
    public async Task<IReadOnlyList<VendorOption>> VendorOptionsAsync(Guid? except, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Vendors
            .Where(v => v.Id != except && v.ArchivedAtUtc == null)
            .OrderBy(v => v.LegalName)
            .Select(v => new VendorOption(v.Id, v.LegalName))
            .ToListAsync(cancellationToken);
    }

    public async Task<Vendor?> GetVendorAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Vendors.AsNoTracking().Include(v => v.SubProcessors).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
    }

    public async Task<VendorDetails?> GetVendorDetailsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var vendor = await db.Vendors.AsNoTracking().Include(v => v.SubProcessors).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vendor is null)
        {
            return null;
        }

        var related = vendor.SubProcessorIds.Append(vendor.ParentCompanyId ?? Guid.Empty).ToList();
        var names = await db.Vendors.Where(v => related.Contains(v.Id))
            .Select(v => new VendorOption(v.Id, v.LegalName)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var subProcessorOf = await db.SubProcessorLinks.Where(link => link.SubProcessorId == id)
            .Join(db.Vendors, link => link.VendorId, v => v.Id, (_, v) => v)
            .OrderBy(v => v.LegalName)
            .Select(v => new VendorOption(v.Id, v.LegalName))
            .ToListAsync(cancellationToken);

        // The linked organisation is another tenant: only its name is read, by the id this
        // hospital's own record holds.
        var linkedName = vendor.LinkedOrganisationId is { } organisationId
            ? await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
            : null;

        var products = await db.Products.AsNoTracking().Where(p => p.VendorId == id).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var engagements = await EngagementsWithParts(db).Where(e => e.VendorId == id).OrderBy(e => e.StartsOn).ToListAsync(cancellationToken);
        var today = Today;
        return new VendorDetails(
            vendor,
            vendor.ParentCompanyId is { } parent && names.TryGetValue(parent, out var parentOption) ? parentOption : null,
            vendor.SubProcessorIds.Where(names.ContainsKey).Select(s => names[s]).OrderBy(s => s.LegalName, StringComparer.CurrentCulture).ToList(),
            subProcessorOf,
            linkedName,
            products,
            engagements,
            PrivilegedAccessReviews.Due(engagements, today),
            engagements.Select(e => ContractChecklist.Review(e, today)).ToList(),
            today);
    }

    public async Task<RegisterResult> CreateVendorAsync(VendorForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Refused(Policies.VendorWrite, out var refusal) || Invalid(validation.ForVendor(form), out refusal))
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            var vendor = new Vendor(TenantId, form.LegalName, form.CountryCode, form.RegistrationNumber, clock.GetUtcNow());
            db.Vendors.Add(vendor);
            var failure = await ApplyVendorFormAsync(db, vendor, form, cancellationToken);
            return failure ?? await SaveAsync(db, "Vendor_Conflict", vendor.Id, cancellationToken);
        }
        catch (ArgumentException)
        {
            // A rule the form checks should have caught; never lose the user's input to it.
            return RegisterResult.Failed(l["Register_Validation_Rejected"]);
        }
    }

    public async Task<RegisterResult> UpdateVendorAsync(Guid id, VendorForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Refused(Policies.VendorWrite, out var refusal) || Invalid(validation.ForVendor(form), out refusal))
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var vendor = await db.Vendors.Include(v => v.SubProcessors).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vendor is null)
        {
            return RegisterResult.Failed(l["Vendor_NotFound"]);
        }

        if (Stale(db, vendor, vendor.ConcurrencyToken, form.ConcurrencyToken, "Vendor_Conflict", out var stale))
        {
            return stale;
        }

        if (vendor.IsArchived)
        {
            return RegisterResult.Failed(l["Vendor_Error_Archived", vendor.LegalName]);
        }

        try
        {
            vendor.UpdateIdentity(form.LegalName, form.CountryCode, form.RegistrationNumber);
            var failure = await ApplyVendorFormAsync(db, vendor, form, cancellationToken);
            return failure ?? await SaveAsync(db, "Vendor_Conflict", vendor.Id, cancellationToken);
        }
        catch (ArgumentException)
        {
            return RegisterResult.Failed(l["Register_Validation_Rejected"]);
        }
    }

    public Task<RegisterResult> ArchiveVendorAsync(Guid id, Guid concurrencyToken, CancellationToken cancellationToken = default) =>
        ChangeVendorAsync(id, concurrencyToken, vendor => vendor.Archive(clock.GetUtcNow()), cancellationToken);

    public Task<RegisterResult> RestoreVendorAsync(Guid id, Guid concurrencyToken, CancellationToken cancellationToken = default) =>
        ChangeVendorAsync(id, concurrencyToken, vendor => vendor.Restore(), cancellationToken);

    // ----- Products -----

    public async Task<Product?> GetProductAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    public async Task<RegisterResult> CreateProductAsync(Guid vendorId, ProductForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Refused(Policies.VendorWrite, out var refusal) || Invalid(validation.ForProduct(form), out refusal))
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var vendor = await db.Vendors.SingleOrDefaultAsync(v => v.Id == vendorId, cancellationToken);
        if (vendor is null)
        {
            return RegisterResult.Failed(l["Vendor_NotFound"]);
        }

        if (vendor.IsArchived)
        {
            return RegisterResult.Failed(l["Vendor_Error_Archived", vendor.LegalName]);
        }

        var product = new Product(vendor, form.Name, form.Category);
        db.Products.Add(product);
        return await SaveAsync(db, "Vendor_Conflict", product.Id, cancellationToken);
    }

    public async Task<RegisterResult> UpdateProductAsync(Guid id, ProductForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Refused(Policies.VendorWrite, out var refusal) || Invalid(validation.ForProduct(form), out refusal))
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return RegisterResult.Failed(l["Product_NotFound"]);
        }

        product.Rename(form.Name);
        product.ChangeCategory(form.Category);
        return await SaveAsync(db, "Vendor_Conflict", product.Id, cancellationToken);
    }

    // ----- Engagements -----

    public async Task<EngagementDetails?> GetEngagementAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var engagement = await EngagementsWithParts(db).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (engagement is null)
        {
            return null;
        }

        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == engagement.ProductId, cancellationToken);
        var vendor = await db.Vendors.Where(v => v.Id == engagement.VendorId)
            .Select(v => new { v.Id, v.LegalName, Archived = v.ArchivedAtUtc != null }).SingleAsync(cancellationToken);
        var userIds = engagement.TierOverrideHistory.Select(t => t.ByUserId).Distinct().ToList();
        var userNames = await db.Set<ApplicationUser>().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var today = Today;
        return new EngagementDetails(
            engagement,
            product,
            new VendorOption(vendor.Id, vendor.LegalName),
            vendor.Archived,
            engagement.EvaluateInherentRisk(),
            engagement.TierOverrideHistory.OrderByDescending(t => t.AtUtc)
                .Select(t => new OverrideHistoryRow(t, userNames.GetValueOrDefault(t.ByUserId, l["Tier_UnknownUser"]))).ToList(),
            ContractChecklist.Review(engagement, today),
            PrivilegedAccessReviews.Due([engagement], today),
            today);
    }

    /// <summary>
    /// The inherent risk the form would give, with the engagement's current register (none for a
    /// new engagement): the form shows the tier and why while the user types. Null while the form
    /// is not yet valid.
    /// </summary>
    public InherentRiskResult? Preview(EngagementForm form, IReadOnlyCollection<PrivilegedAccount>? register = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (validation.DataCategoriesError(form.DataCategories) is not null
            || validation.PatientRecords(form.PatientRecordCount, form.DataCategories) is not null
            || validation.Downtime(form.DowntimeToleranceHours) is not null
            || !Enum.IsDefined(form.Hosting) || !Enum.IsDefined(form.VendorAccess))
        {
            return null;
        }

        var accounts = register ?? [];
        return InherentRiskCalculator.Calculate(new InherentRiskInput(
            form.CombinedCategories,
            form.PatientRecordCount,
            form.VendorAccess,
            form.Hosting,
            form.DowntimeToleranceHours,
            accounts.Count,
            accounts.Count(a => a.IsShared),
            accounts.Count(a => !a.MfaEnabled)));
    }

    public async Task<RegisterResult> CreateEngagementAsync(Guid productId, EngagementForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Refused(Policies.VendorWrite, out var refusal) || Invalid(validation.ForEngagement(form), out refusal))
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null)
        {
            return RegisterResult.Failed(l["Product_NotFound"]);
        }

        var vendor = await db.Vendors.SingleAsync(v => v.Id == product.VendorId, cancellationToken);
        if (vendor.IsArchived)
        {
            return RegisterResult.Failed(l["Vendor_Error_Archived", vendor.LegalName]);
        }

        var engagement = new Engagement(
            product,
            form.BusinessOwner,
            DateOnly.FromDateTime(form.StartsOn!.Value),
            form.Hosting,
            form.HdsCertificateNumber,
            form.CombinedCategories,
            form.PatientRecordCount,
            form.VendorAccess,
            form.DowntimeToleranceHours);
        engagement.SetPeriod(engagement.StartsOn, form.EndsOn is { } end ? DateOnly.FromDateTime(end) : null);
        engagement.SetEstablishments(RegisterValidation.SplitLines(form.Establishments));
        engagement.SetIntegrationPoints(RegisterValidation.SplitLines(form.IntegrationPoints));
        db.Engagements.Add(engagement);
        return await SaveAsync(db, "Engagement_Conflict", engagement.Id, cancellationToken);
    }

    public async Task<RegisterResult> UpdateEngagementAsync(Guid id, EngagementForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Invalid(validation.ForEngagement(form), out var invalid))
        {
            return invalid;
        }

        return await ChangeEngagementAsync(id, form.ConcurrencyToken, Policies.VendorWrite, engagement =>
        {
            engagement.ChangeBusinessOwner(form.BusinessOwner);
            engagement.SetEstablishments(RegisterValidation.SplitLines(form.Establishments));
            engagement.SetPeriod(DateOnly.FromDateTime(form.StartsOn!.Value), form.EndsOn is { } end ? DateOnly.FromDateTime(end) : null);
            engagement.SetHosting(form.Hosting, form.HdsCertificateNumber);
            engagement.SetDataInventory(form.CombinedCategories, form.PatientRecordCount);
            engagement.SetVendorAccess(form.VendorAccess);
            engagement.SetDowntimeTolerance(form.DowntimeToleranceHours);
            engagement.SetIntegrationPoints(RegisterValidation.SplitLines(form.IntegrationPoints));
            return null;
        }, cancellationToken);
    }

    // ----- Tier override (CISO) -----

    public async Task<RegisterResult> OverrideTierAsync(Guid engagementId, RiskTier tier, string? reason, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        if (Invalid(validation.OverrideReason(reason), out var invalid))
        {
            return invalid;
        }

        if (!Enum.IsDefined(tier))
        {
            return RegisterResult.Failed(l["Register_Validation_Required", l["Tier_OverrideTier"]]);
        }

        return await ChangeEngagementAsync(engagementId, concurrencyToken, Policies.TierOverride, engagement =>
        {
            if (tier == engagement.EffectiveTier)
            {
                return l["Tier_Error_AlreadyThatTier", l[$"Tier_{tier}"]];
            }

            engagement.OverrideTierTo(tier, reason!, UserId, clock.GetUtcNow());
            return null;
        }, cancellationToken);
    }

    public async Task<RegisterResult> ClearTierOverrideAsync(Guid engagementId, string? reason, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        if (Invalid(validation.OverrideReason(reason), out var invalid))
        {
            return invalid;
        }

        return await ChangeEngagementAsync(engagementId, concurrencyToken, Policies.TierOverride, engagement =>
        {
            if (engagement.OverrideTier is null)
            {
                return l["Tier_Error_NotOverridden"];
            }

            engagement.ClearTierOverride(reason!, UserId, clock.GetUtcNow());
            return null;
        }, cancellationToken);
    }

    // ----- Privileged-access register -----

    public async Task<RegisterResult> AddPrivilegedAccountAsync(Guid engagementId, PrivilegedAccountForm form, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Invalid(validation.ForPrivilegedAccount(form, withReview: true), out var invalid))
        {
            return invalid;
        }

        return await ChangeEngagementAsync(engagementId, concurrencyToken, Policies.AccessRegisterWrite, engagement =>
        {
            engagement.AddPrivilegedAccount(form.HolderKind, form.Holder, form.AccessPath, form.MfaEnabled, ToDate(form.LastReviewedOn), ToDate(form.NextReviewDue)!.Value);
            return null;
        }, cancellationToken);
    }

    public async Task<RegisterResult> UpdatePrivilegedAccountAsync(Guid engagementId, Guid accountId, PrivilegedAccountForm form, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Invalid(validation.ForPrivilegedAccount(form, withReview: false), out var invalid))
        {
            return invalid;
        }

        return await ChangeEngagementAsync(engagementId, concurrencyToken, Policies.AccessRegisterWrite, engagement =>
        {
            if (engagement.PrivilegedAccounts.All(a => a.Id != accountId))
            {
                return l["Access_NotFound"];
            }

            engagement.UpdatePrivilegedAccount(accountId, form.HolderKind, form.Holder, form.AccessPath, form.MfaEnabled);
            return null;
        }, cancellationToken);
    }

    /// <summary>Records that an account was reviewed on <paramref name="reviewedOn"/> and when the next review is due.</summary>
    public async Task<RegisterResult> RecordPrivilegedAccountReviewAsync(Guid engagementId, Guid accountId, DateTime? reviewedOn, DateTime? nextReviewDue, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        if (reviewedOn is null)
        {
            errors.Add(l["Register_Validation_Required", l["Access_LastReviewedOn"]]);
        }

        if (nextReviewDue is null)
        {
            errors.Add(l["Register_Validation_Required", l["Access_NextReviewDue"]]);
        }
        else if (reviewedOn is { } last && nextReviewDue.Value.Date <= last.Date)
        {
            errors.Add(l["Access_Validation_NextAfterLast"]);
        }

        if (Invalid(errors, out var invalid))
        {
            return invalid;
        }

        return await ChangeEngagementAsync(engagementId, concurrencyToken, Policies.AccessRegisterWrite, engagement =>
        {
            if (engagement.PrivilegedAccounts.All(a => a.Id != accountId))
            {
                return l["Access_NotFound"];
            }

            engagement.RecordPrivilegedAccountReview(accountId, ToDate(reviewedOn)!.Value, ToDate(nextReviewDue)!.Value);
            return null;
        }, cancellationToken);
    }

    public Task<RegisterResult> RemovePrivilegedAccountAsync(Guid engagementId, Guid accountId, Guid concurrencyToken, CancellationToken cancellationToken = default) =>
        ChangeEngagementAsync(engagementId, concurrencyToken, Policies.AccessRegisterWrite, engagement =>
        {
            if (engagement.PrivilegedAccounts.All(a => a.Id != accountId))
            {
                return l["Access_NotFound"];
            }

            engagement.RemovePrivilegedAccount(accountId);
            return null;
        }, cancellationToken);

    // ----- Contracts -----

    public async Task<RegisterResult> AddContractAsync(Guid engagementId, ContractForm form, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Invalid(validation.ForContract(form), out var invalid))
        {
            return invalid;
        }

        return await ChangeEngagementAsync(engagementId, concurrencyToken, Policies.ContractWrite, engagement =>
        {
            var contract = engagement.AddContract(form.Type, form.Title);
            engagement.UpdateContract(contract.Id, form.Title, ToDate(form.SignedOn), ToDate(form.StartsOn), ToDate(form.EndsOn), ToDate(form.NoticeOn), form.CombinedClauses, BreachDelay(form));
            return null;
        }, cancellationToken);
    }

    public async Task<RegisterResult> UpdateContractAsync(Guid engagementId, Guid contractId, ContractForm form, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Invalid(validation.ForContract(form), out var invalid))
        {
            return invalid;
        }

        return await ChangeEngagementAsync(engagementId, concurrencyToken, Policies.ContractWrite, engagement =>
        {
            if (engagement.Contracts.All(c => c.Id != contractId))
            {
                return l["Contract_NotFound"];
            }

            engagement.UpdateContract(contractId, form.Title, ToDate(form.SignedOn), ToDate(form.StartsOn), ToDate(form.EndsOn), ToDate(form.NoticeOn), form.CombinedClauses, BreachDelay(form));
            return null;
        }, cancellationToken);
    }

    public Task<RegisterResult> RemoveContractAsync(Guid engagementId, Guid contractId, Guid concurrencyToken, CancellationToken cancellationToken = default) =>
        ChangeEngagementAsync(engagementId, concurrencyToken, Policies.ContractWrite, engagement =>
        {
            if (engagement.Contracts.All(c => c.Id != contractId))
            {
                return l["Contract_NotFound"];
            }

            engagement.RemoveContract(contractId);
            return null;
        }, cancellationToken);

    // ----- Plumbing -----

    private Guid TenantId => User.GetOrganisationId() ?? throw new InvalidOperationException("No current organisation.");

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");

    private static IQueryable<Engagement> EngagementsWithParts(VendorRiskDbContext db) =>
        db.Engagements.AsNoTracking()
            .Include(e => e.PrivilegedAccounts)
            .Include(e => e.Contracts)
            .Include(e => e.TierOverrideHistory)
            .AsSplitQuery();

    private static DateOnly? ToDate(DateTime? value) => value is { } date ? DateOnly.FromDateTime(date) : null;

    private static int? BreachDelay(ContractForm form) =>
        form.PresentClauses.Contains(SecurityClauses.BreachNotification) ? form.BreachNotificationDelayHours : null;

    private bool Refused(string policy, out RegisterResult result)
    {
        result = RegisterResult.Failed(l["Register_NotAllowed"]);
        return !User.Allows(policy);
    }

    private static bool Invalid(IReadOnlyList<string> errors, out RegisterResult result)
    {
        result = RegisterResult.Failed(string.Join(" ", errors));
        return errors.Count > 0;
    }

    /// <summary>
    /// Compares the token the user saw with the stored one, and makes the save compare it again in
    /// SQL (the original value is what the UPDATE's WHERE clause checks), which catches an edit
    /// that lands between this read and the save.
    /// </summary>
    private bool Stale<T>(VendorRiskDbContext db, T entity, Guid stored, Guid seen, string messageKey, out RegisterResult result)
        where T : class
    {
        result = RegisterResult.Stale(l[messageKey]);
        if (stored != seen)
        {
            return true;
        }

        db.Entry(entity).Property("ConcurrencyToken").OriginalValue = seen;
        return false;
    }

    private async Task<RegisterResult> ChangeVendorAsync(Guid id, Guid concurrencyToken, Action<Vendor> change, CancellationToken cancellationToken)
    {
        if (Refused(Policies.VendorWrite, out var refusal))
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var vendor = await db.Vendors.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vendor is null)
        {
            return RegisterResult.Failed(l["Vendor_NotFound"]);
        }

        if (Stale(db, vendor, vendor.ConcurrencyToken, concurrencyToken, "Vendor_Conflict", out var stale))
        {
            return stale;
        }

        change(vendor);
        return await SaveAsync(db, "Vendor_Conflict", vendor.Id, cancellationToken);
    }

    /// <summary>Loads one engagement with its parts, checks policy and token, applies <paramref name="change"/> (which returns an error message or null) and saves.</summary>
    private async Task<RegisterResult> ChangeEngagementAsync(Guid id, Guid concurrencyToken, string policy, Func<Engagement, string?> change, CancellationToken cancellationToken)
    {
        if (Refused(policy, out var refusal))
        {
            return refusal;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var engagement = await db.Engagements
            .Include(e => e.PrivilegedAccounts)
            .Include(e => e.Contracts)
            .Include(e => e.TierOverrideHistory)
            .AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (engagement is null)
        {
            return RegisterResult.Failed(l["Engagement_NotFound"]);
        }

        if (Stale(db, engagement, engagement.ConcurrencyToken, concurrencyToken, "Engagement_Conflict", out var stale))
        {
            return stale;
        }

        if (await db.Vendors.AnyAsync(v => v.Id == engagement.VendorId && v.ArchivedAtUtc != null, cancellationToken))
        {
            return RegisterResult.Failed(l["Engagement_Error_VendorArchived"]);
        }

        string? error;
        try
        {
            error = change(engagement);
        }
        catch (ArgumentException)
        {
            // A rule the form checks should have caught; never lose the user's input to it.
            error = l["Register_Validation_Rejected"];
        }

        return error is not null ? RegisterResult.Failed(error) : await SaveAsync(db, "Engagement_Conflict", engagement.Id, cancellationToken);
    }

    private async Task<RegisterResult?> ApplyVendorFormAsync(VendorRiskDbContext db, Vendor vendor, VendorForm form, CancellationToken cancellationToken)
    {
        vendor.SetWebsite(form.Website);
        vendor.SetSecurityContact(form.SecurityContactName, form.SecurityContactEmail, form.SecurityContactPhone);

        // Parent company and sub-processors are vendors of the same register; the tenant filter
        // makes another hospital's vendor id unknown here.
        var wanted = form.SubProcessorIds.Distinct().ToList();
        var relatedIds = wanted.Append(form.ParentCompanyId ?? Guid.Empty).ToList();
        var related = await db.Vendors.Where(v => relatedIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        if (form.ParentCompanyId is { } parentId && !related.ContainsKey(parentId))
        {
            return RegisterResult.Failed(l["Vendor_NotFound"]);
        }

        if (wanted.Any(id => !related.ContainsKey(id)))
        {
            return RegisterResult.Failed(l["Vendor_NotFound"]);
        }

        var parents = await db.Vendors.Where(v => v.ParentCompanyId != null).ToDictionaryAsync(v => v.Id, v => v.ParentCompanyId, cancellationToken);
        var links = await db.SubProcessorLinks.Select(link => new { link.VendorId, link.SubProcessorId }).ToListAsync(cancellationToken);
        var graph = links.ToLookup(link => link.VendorId, link => link.SubProcessorId);
        try
        {
            vendor.SetParentCompany(form.ParentCompanyId is { } p ? related[p] : null, id => id == vendor.Id ? form.ParentCompanyId : parents.GetValueOrDefault(id));
        }
        catch (InvalidOperationException)
        {
            return RegisterResult.Failed(l["Vendor_Error_ParentLoop"]);
        }

        foreach (var removed in vendor.SubProcessorIds.Except(wanted).ToList())
        {
            vendor.RemoveSubProcessor(removed);
        }

        foreach (var id in wanted)
        {
            try
            {
                vendor.AddSubProcessor(related[id], next => next == vendor.Id ? vendor.SubProcessorIds : graph[next], clock.GetUtcNow());
            }
            catch (InvalidOperationException)
            {
                return RegisterResult.Failed(l["Vendor_Error_SubProcessorLoop", related[id].LegalName]);
            }
        }

        return null;
    }

    private async Task<RegisterResult> SaveAsync(VendorRiskDbContext db, string conflictKey, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return RegisterResult.Ok(id);
        }
        catch (DbUpdateConcurrencyException)
        {
            return RegisterResult.Stale(l[conflictKey]);
        }
    }
}
