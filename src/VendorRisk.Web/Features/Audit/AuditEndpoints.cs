using System.Globalization;
using Microsoft.Extensions.Localization;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.TenantSecurity;

namespace VendorRisk.Web.Features.Audit;

internal static class AuditEndpoints
{
    /// <summary>
    /// <c>GET /audit/export.csv?actor=&amp;action=&amp;target=&amp;from=&amp;to=</c> (dates as ISO 8601 UTC):
    /// the events of the current organisation matching the filters, as the audit page shows them.
    /// </summary>
    public static void MapAuditEndpoints(this WebApplication app) =>
        app.MapGet("/audit/export.csv", async (AuditLogService service, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, TimeProvider clock, string? actor, string? action, string? target, string? from, string? to, CancellationToken cancellationToken) =>
            {
                var query = new AuditQuery(actor, action, target, ParseDate(from), ParseDate(to));
                var count = await guard.CountAsync(await service.CountForExportAsync(query, cancellationToken), "AuditLog.Export", cancellationToken: cancellationToken);
                if (!count.Allowed)
                {
                    return count.Refusal(localizer);
                }

                var csv = await service.ExportCsvAsync(query, cancellationToken);
                return TypedResults.File(csv, "text/csv; charset=utf-8", $"audit-log-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv");
            })
            .RequireAuthorization(Policies.AuditRead)
            .WithName("ExportAuditLog");

    private static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null;
}
