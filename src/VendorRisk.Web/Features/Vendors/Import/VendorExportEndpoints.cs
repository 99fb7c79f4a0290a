using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.TenantSecurity;

namespace VendorRisk.Web.Features.Vendors.Import;

internal static class VendorExportEndpoints
{
    /// <summary>
    /// <c>GET /vendors/export.xlsx</c> and <c>/vendors/export.csv</c>, with the list's filters
    /// (<c>search</c>, <c>country</c>, <c>tier</c>, <c>archived</c>): the register as the list shows it.
    /// </summary>
    public static void MapVendorExportEndpoints(this WebApplication app)
    {
        app.MapGet("/vendors/export.xlsx", (VendorImportService service, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, string? search, string? country, RiskTier? tier, bool? archived, CancellationToken cancellationToken) =>
                ExportAsync(service, guard, localizer, new VendorQuery(search, country, tier, archived ?? false), excel: true, cancellationToken))
            .RequireAuthorization(Policies.VendorRead)
            .WithName("ExportVendorsExcel");

        app.MapGet("/vendors/export.csv", (VendorImportService service, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, string? search, string? country, RiskTier? tier, bool? archived, CancellationToken cancellationToken) =>
                ExportAsync(service, guard, localizer, new VendorQuery(search, country, tier, archived ?? false), excel: false, cancellationToken))
            .RequireAuthorization(Policies.VendorRead)
            .WithName("ExportVendorsCsv");
    }

    /// <summary>
    /// Every exported vendor counts towards the hourly bulk-read limits; above the first threshold
    /// without a fresh step-up the answer is 403 with <see cref="BulkReadGuard.StepUpHeader"/> (the
    /// list page checks first and opens the step-up dialog), above the second it is refused and alerted.
    /// </summary>
    private static async Task<IResult> ExportAsync(VendorImportService service, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, VendorQuery query, bool excel, CancellationToken cancellationToken)
    {
        if (await service.CountForExportAsync(query, cancellationToken) is not { } records)
        {
            return TypedResults.Forbid();
        }

        var count = await guard.CountAsync(records, "Vendor.Export", cancellationToken: cancellationToken);
        if (!count.Allowed)
        {
            return count.Refusal(localizer);
        }

        return await service.ExportAsync(query, excel, cancellationToken) is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : TypedResults.Forbid();
    }
}
