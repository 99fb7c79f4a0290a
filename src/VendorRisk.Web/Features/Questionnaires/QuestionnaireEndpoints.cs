using System.Text;
using Microsoft.Extensions.Localization;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.TenantSecurity;

namespace VendorRisk.Web.Features.Questionnaires;

/// <summary>File downloads of the questionnaire library; they call the same service as the pages.</summary>
internal static class QuestionnaireEndpoints
{
    /// <summary>Bulk-read sources of the exports: one record (the version) per download.</summary>
    public const string JsonSource = "Questionnaire.ExportJson";

    public const string ExcelSource = "Questionnaire.ExportExcel";

    /// <summary>
    /// Starts the JSON (<paramref name="excel"/> false) or Excel export of a version through the
    /// page's <see cref="GuardedDownload"/>: the step-up dialog or a refusal message on the page
    /// rather than the endpoint's bare 403.
    /// </summary>
    public static Task<bool> DownloadExportAsync(this GuardedDownload download, Guid templateId, int number, bool excel)
    {
        ArgumentNullException.ThrowIfNull(download);
        return download.StartAsync($"/questionnaires/{templateId}/versions/{number}/export.{(excel ? "xlsx" : "json")}", excel ? ExcelSource : JsonSource, 1);
    }

    public static void MapQuestionnaireEndpoints(this WebApplication app)
    {
        app.MapGet(
                "/questionnaires/{templateId:guid}/versions/{number:int}/export.json",
                async (Guid templateId, int number, QuestionnaireLibraryService library, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
                    await guard.CountAsync(1, JsonSource, cancellationToken: cancellationToken) is { Allowed: false } count
                        ? count.Refusal(localizer)
                        : await library.ExportJsonAsync(templateId, number, cancellationToken) is { } file
                        ? Results.File(Encoding.UTF8.GetBytes(file.Content), "application/json", file.FileName)
                        : Results.NotFound())
            .RequireAuthorization(Policies.QuestionnaireRead)
            .WithName("ExportQuestionnaireJson");

        app.MapGet(
                "/questionnaires/{templateId:guid}/versions/{number:int}/export.xlsx",
                async (Guid templateId, int number, QuestionnaireLibraryService library, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
                    await guard.CountAsync(1, ExcelSource, cancellationToken: cancellationToken) is { Allowed: false } count
                        ? count.Refusal(localizer)
                        : await library.ExportExcelAsync(templateId, number, cancellationToken) is { } file
                        ? Results.File(file.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.FileName)
                        : Results.NotFound())
            .RequireAuthorization(Policies.QuestionnaireRead)
            .WithName("ExportQuestionnaireExcel");
    }
}
