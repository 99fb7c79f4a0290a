using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Api.OpenIdConnect;

namespace VendorRisk.Web.Api;

/// <summary>A vendor in a page of the register.</summary>
public sealed record VendorSummary(
    Guid Id,
    string LegalName,
    string CountryCode,
    string? RegistrationNumber,
    string? Website,
    [property: Description("Highest effective tier of the vendor's engagements; null when it has none.")] string? Tier,
    int ProductCount,
    int EngagementCount,
    bool Archived);

public sealed record VendorPage(IReadOnlyList<VendorSummary> Items, int Page, int PageSize, int TotalCount);

public sealed record ProductSummary(Guid Id, string Name, string Category);

public sealed record EngagementSummary(
    Guid Id,
    Guid ProductId,
    string BusinessOwner,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string Hosting,
    int InherentRiskScore,
    string ComputedTier,
    string? OverrideTier,
    [property: Description("The override when there is one, else the computed tier.")] string Tier);

public sealed record VendorDetail(
    Guid Id,
    string LegalName,
    string CountryCode,
    string? RegistrationNumber,
    string? Website,
    string? Tier,
    bool Archived,
    DateTimeOffset CreatedAtUtc,
    IReadOnlyList<ProductSummary> Products,
    IReadOnlyList<EngagementSummary> Engagements);

/// <summary>
/// <c>GET /api/v1/vendors</c> and <c>GET /api/v1/vendors/{id}</c>: the vendor register of the
/// organisation named by the token (the tenant filter applies, so another tenant's vendor is a 404).
/// </summary>
internal static class VendorsApi
{
    public const string Prefix = "/api/v1";
    public const int MaxPageSize = 100;
    public const int MaxNameFilterLength = 200;

    public static IEndpointRouteBuilder MapVendorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix + "/vendors")
            .RequireAuthorization(ApiPolicies.VendorRead)
            .RequireRateLimiting(OpenIdConnectRegistration.ApiRateLimit)
            .WithMetadata(new ApiEndpointMetadata())
            .WithTags("Vendors")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/", ListAsync)
            .WithName("ListVendors")
            .WithSummary("Lists the vendors of the register, a page at a time, optionally filtered by name.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetVendor")
            .WithSummary("One vendor with its products, engagements and tiers.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Results<Ok<VendorPage>, ValidationProblem>> ListAsync(
        VendorRiskDbContext db,
        [Description("Part of the legal name, case-insensitive.")] string? name = null,
        [Description("Page number, from 1.")] int page = 1,
        [Description("Vendors per page, 1 to 100.")] int pageSize = 25,
        [Description("Include archived vendors.")] bool includeArchived = false,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["The page starts at 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size is between 1 and {MaxPageSize}."];
        }

        if (name is { Length: > MaxNameFilterLength })
        {
            errors["name"] = [$"The name filter is at most {MaxNameFilterLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Vendors.AsNoTracking();
        if (!includeArchived)
        {
            query = query.Where(v => v.ArchivedAtUtc == null);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var term = name.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower() on both databases; culture overloads do not translate.
            query = query.Where(v => v.LegalName.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await query.CountAsync(cancellationToken);
        var vendors = await query
            .OrderBy(v => v.LegalName).ThenBy(v => v.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(v => new { v.Id, v.LegalName, v.CountryCode, v.RegistrationNumber, v.Website, v.ArchivedAtUtc })
            .ToListAsync(cancellationToken);
        var ids = vendors.Select(v => v.Id).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.VendorId))
            .GroupBy(p => p.VendorId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var engagements = (await db.Engagements.AsNoTracking().Where(e => ids.Contains(e.VendorId))
                .Select(e => new { e.VendorId, e.ComputedTier, e.OverrideTier })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.VendorId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Tier: g.Max(e => e.OverrideTier ?? e.ComputedTier)));

        var items = vendors.Select(v => new VendorSummary(
                v.Id,
                v.LegalName,
                v.CountryCode,
                v.RegistrationNumber,
                v.Website?.AbsoluteUri,
                engagements.TryGetValue(v.Id, out var e) ? e.Tier.ToString() : null,
                products.GetValueOrDefault(v.Id),
                engagements.TryGetValue(v.Id, out var e2) ? e2.Count : 0,
                v.ArchivedAtUtc is not null))
            .ToList();
        return TypedResults.Ok(new VendorPage(items, page, pageSize, total));
    }

    internal static async Task<Results<Ok<VendorDetail>, ProblemHttpResult>> GetAsync(Guid id, VendorRiskDbContext db, CancellationToken cancellationToken = default)
    {
        var vendor = await db.Vendors.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vendor is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No vendor with this id in your organisation's register.");
        }

        var products = await db.Products.AsNoTracking().Where(p => p.VendorId == id).OrderBy(p => p.Name)
            .Select(p => new ProductSummary(p.Id, p.Name, p.Category.ToString()))
            .ToListAsync(cancellationToken);
        var engagements = (await db.Engagements.AsNoTracking().Where(e => e.VendorId == id)
                .Select(e => new { e.Id, e.ProductId, e.BusinessOwner, e.StartsOn, e.EndsOn, e.Hosting, e.InherentRiskScore, e.ComputedTier, e.OverrideTier })
                .ToListAsync(cancellationToken))
            .OrderBy(e => e.StartsOn)
            .Select(e => new EngagementSummary(e.Id, e.ProductId, e.BusinessOwner, e.StartsOn, e.EndsOn, e.Hosting.ToString(), e.InherentRiskScore, e.ComputedTier.ToString(), e.OverrideTier?.ToString(), (e.OverrideTier ?? e.ComputedTier).ToString()))
            .ToList();
        RiskTier? tier = engagements.Count == 0 ? null : engagements.Max(e => Enum.Parse<RiskTier>(e.Tier));
        return TypedResults.Ok(new VendorDetail(
            vendor.Id,
            vendor.LegalName,
            vendor.CountryCode,
            vendor.RegistrationNumber,
            vendor.Website?.AbsoluteUri,
            tier?.ToString(),
            vendor.IsArchived,
            vendor.CreatedAtUtc,
            products,
            engagements));
    }
}
