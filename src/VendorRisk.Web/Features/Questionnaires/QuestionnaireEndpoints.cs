using System.Text;
using Microsoft.Extensions.Localization;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.TenantSecurity;

namespace VendorRisk.Web.Features.Questionnaires;

/// <summary>File downloads of the questionnaire library; they call the same service as the pages.</summary>
internal static class QuestionnaireEndpoints
{
    public static void MapQuestionnaireEndpoints(this WebApplication app)
    {
        app.MapGet(
                "/questionnaires/{templateId:guid}/versions/{number:int}/export.json",
                async (Guid templateId, int number, QuestionnaireLibraryService library, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
                    await guard.CountAsync(1, "Questionnaire.ExportJson", cancellationToken: cancellationToken) is { Allowed: false } count
                        ? count.Refusal(localizer)
                        : await library.ExportJsonAsync(templateId, number, cancellationToken) is { } file
                        ? Results.File(Encoding.UTF8.GetBytes(file.Content), "application/json", file.FileName)
                        : Results.NotFound())
            .RequireAuthorization(Policies.QuestionnaireRead)
            .WithName("ExportQuestionnaireJson");

        app.MapGet(
                "/questionnaires/{templateId:guid}/versions/{number:int}/export.xlsx",
                async (Guid templateId, int number, QuestionnaireLibraryService library, BulkReadGuard guard, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
                    await guard.CountAsync(1, "Questionnaire.ExportExcel", cancellationToken: cancellationToken) is { Allowed: false } count
                        ? count.Refusal(localizer)
                        : await library.ExportExcelAsync(templateId, number, cancellationToken) is { } file
                        ? Results.File(file.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.FileName)
                        : Results.NotFound())
            .RequireAuthorization(Policies.QuestionnaireRead)
            .WithName("ExportQuestionnaireExcel");
    }
}
