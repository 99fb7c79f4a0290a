using Microsoft.Extensions.Localization;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Privacy;

internal static class PrivacyEndpoints
{
    /// <summary>
    /// <c>GET /organisation/members/{userId}/personal-data.json</c>: the GDPR export of a member or
    /// former member of the current organisation, for an Administrator who has just stepped up on
    /// the members page (the service checks the step-up again; the page opens the dialog first).
    /// </summary>
    public static void MapPrivacyEndpoints(this WebApplication app) =>
        app.MapGet("/organisation/members/{userId}/personal-data.json", async (string userId, PrivacyService privacy, IStringLocalizer<SharedResource> localizer, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var export = await privacy.ExportAsync(userId, cancellationToken);
                return export.Outcome switch
                {
                    PrivacyOutcome.Done => TypedResults.File(export.Json!, "application/json", $"personal-data-{clock.GetUtcNow():yyyyMMdd-HHmmss}.json"),
                    _ => Results.Text(
                        PrivacyMessages.Of(export.Outcome, string.Empty, localizer),
                        "text/plain; charset=utf-8",
                        statusCode: export.Outcome == PrivacyOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden),
                };
            })
            .RequireAuthorization(Policies.ManageMembers)
            .WithName("ExportPersonalData");
}
