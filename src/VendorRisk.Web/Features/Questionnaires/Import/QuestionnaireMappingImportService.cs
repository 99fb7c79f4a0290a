using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Features.Questionnaires.Import;

/// <summary>The outcome of saving a mapped questionnaire: the new template, or the problems (nothing was saved).</summary>
public sealed record MappedImportResult(Guid? TemplateId, IReadOnlyList<MappingIssue> Errors);

/// <summary>A publish-time problem of the imported draft, on the row of its question when known.</summary>
public sealed record DraftWarning(int? Row, string? Key, string Message, TemplateValidationError? Error = null, QuestionnaireImportError? ImportError = null);

/// <summary>
/// Import of a hospital's own workbook through a column mapping: read the table (bounded and
/// streamed by <see cref="TabularFile"/>), map it (<see cref="QuestionnaireColumnMapper"/>), and
/// save the document as a new template whose version 1 is a draft — in one save, only when no row
/// has an error. Needs <see cref="Policies.QuestionnaireEdit"/>; the template belongs to the
/// current organisation (tenant interceptor).
/// </summary>
public sealed class QuestionnaireMappingImportService(IDbContextFactory<VendorRiskDbContext> contexts, CurrentUser currentUser, TimeProvider clock)
{
    public bool CanImport => currentUser.Principal.Allows(Policies.QuestionnaireEdit);

    /// <exception cref="TabularFileException">The file cannot be read as a table within the limits.</exception>
    public static TabularSheet ReadSheet(byte[] file, string? sheetName, CancellationToken cancellationToken = default) =>
        TabularFile.Read(file, QuestionnaireColumnMapper.Limits, sheetName, cancellationToken);

    /// <summary>What the draft would still need before it can be published (the import does not require it).</summary>
    public static IReadOnlyList<DraftWarning> PublishWarnings(MappedQuestionnaire mapped, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        if (mapped.Document is null)
        {
            return [];
        }

        try
        {
            var draft = QuestionnaireTemplate.FromDocument(mapped.Document, nowUtc).Draft!;
            return TemplateValidator.Validate(draft, QuestionnaireLibraryService.Catalogue)
                .Select(e => new DraftWarning(e.Key is not null && mapped.RowByKey.TryGetValue(e.Key, out var row) ? row : null, e.Key, e.Message, e))
                .ToList();
        }
        catch (Exception ex) when (ex is QuestionnaireImportException or ArgumentException or InvalidOperationException)
        {
            return [new DraftWarning(null, null, ex.Message, ImportError: QuestionnaireImportError.DetailOf(ex))];
        }
    }

    public async Task<MappedImportResult> ImportAsync(MappedQuestionnaire mapped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        if (!CanImport)
        {
            return new MappedImportResult(null, [new MappingIssue(null, null, "Register_NotAllowed")]);
        }

        if (mapped.Document is null || mapped.Errors.Count > 0)
        {
            return new MappedImportResult(null, mapped.Errors.Count > 0 ? mapped.Errors : [new MappingIssue(null, null, "QImport_Error_NoRows")]);
        }

        QuestionnaireTemplate template;
        try
        {
            template = QuestionnaireTemplate.FromDocument(mapped.Document, clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is QuestionnaireImportException or ArgumentException or InvalidOperationException)
        {
            // The page shows a QuestionnaireImportError argument in the UI language.
            return new MappedImportResult(null, [new MappingIssue(null, null, "QImport_Error_Document", (object?)QuestionnaireImportError.DetailOf(ex) ?? ex.Message)]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.QuestionnaireTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return new MappedImportResult(template.Id, []);
    }
}
