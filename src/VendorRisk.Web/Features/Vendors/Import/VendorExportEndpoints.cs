using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Vendors.Import;

internal static class VendorExportEndpoints
{
    /// <summary>
    /// <c>GET /vendors/export.xlsx</c> and <c>/vendors/export.csv</c>, with the list's filters
    /// (<c>search</c>, <c>country</c>, <c>tier</c>, <c>archived</c>): the register as the list shows it.
    /// </summary>
    public static void MapVendorExportEndpoints(this WebApplication app)
    {
        app.MapGet("/vendors/export.xlsx", (VendorImportService service, string? search, string? country, RiskTier? tier, bool? archived, CancellationToken cancellationToken) =>
                ExportAsync(service, new VendorQuery(search, country, tier, archived ?? false), excel: true, cancellationToken))
            .RequireAuthorization(Policies.VendorRead)
            .WithName("ExportVendorsExcel");

        app.MapGet("/vendors/export.csv", (VendorImportService service, string? search, string? country, RiskTier? tier, bool? archived, CancellationToken cancellationToken) =>
                ExportAsync(service, new VendorQuery(search, country, tier, archived ?? false), excel: false, cancellationToken))
            .RequireAuthorization(Policies.VendorRead)
            .WithName("ExportVendorsCsv");
    }

    private static async Task<IResult> ExportAsync(VendorImportService service, VendorQuery query, bool excel, CancellationToken cancellationToken) =>
        await service.ExportAsync(query, excel, cancellationToken) is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : TypedResults.Forbid();
}
