using System.Text;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Questionnaires;

/// <summary>A tenant template as the library lists it.</summary>
public sealed record TemplateRow(
    Guid Id,
    LocalizedText Name,
    string? BuiltInSourceKey,
    int LatestNumber,
    TemplateVersionStatus LatestStatus,
    int? PublishedNumber,
    DateTimeOffset CreatedAtUtc);

/// <summary>A built-in template offered for copying.</summary>
public sealed record BuiltInRow(string Key, LocalizedText Name, LocalizedText? Description, int QuestionCount);

/// <summary>The outcome of a publish: published, or the list of problems (each with its question or section key).</summary>
public sealed record PublishResult(bool Published, IReadOnlyList<TemplateValidationError> Errors);

/// <summary>The outcome of an import: the new template, or one message naming the problem (nothing was saved).</summary>
public sealed record ImportResult(Guid? TemplateId, QuestionnaireImportError? Error);

/// <summary>A JSON export: file name and UTF-8 content.</summary>
public sealed record ExportedFile(string FileName, string Content);

/// <summary>An Excel export: file name and workbook bytes.</summary>
public sealed record ExportedWorkbook(string FileName, byte[] Content);

/// <summary>
/// The questionnaire library's use cases: the one place where templates are read and changed
/// (pages and the export endpoint call it). Every query goes through the tenant filter, so an id
/// of another organisation's template finds nothing; the save interceptors refuse cross-tenant
/// writes and any change of a published version.
/// </summary>
public sealed class QuestionnaireLibraryService(IDbContextFactory<VendorRiskDbContext> contexts, TimeProvider clock)
{
    /// <summary>Largest JSON file accepted for import (the built-in baseline is about 90 KB).</summary>
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public static ControlCatalogue Catalogue => ControlCatalogue.Default;

    public static IReadOnlyList<BuiltInRow> BuiltIns { get; } = BuiltInTemplate.All
        .Select(b => new BuiltInRow(b.Key, b.Name, b.Document.Description, CountQuestions(b.Document.Sections)))
        .ToList();

    public async Task<IReadOnlyList<TemplateRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var templates = await db.QuestionnaireTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var versions = await db.TemplateVersions.AsNoTracking()
            .Select(v => new { v.TemplateId, v.Number, v.Status })
            .ToListAsync(cancellationToken);
        var byTemplate = versions.ToLookup(v => v.TemplateId);
        return templates
            .Select(t =>
            {
                var own = byTemplate[t.Id].ToList();
                var latest = own.MaxBy(v => v.Number)!;
                var published = own.Where(v => v.Status == TemplateVersionStatus.Published).MaxBy(v => v.Number);
                return new TemplateRow(t.Id, t.Name, t.BuiltInSourceKey, latest.Number, latest.Status, published?.Number, t.CreatedAtUtc);
            })
            .OrderBy(t => t.Name.En, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>The template with all its versions, or null when it does not exist in the current organisation.</summary>
    public async Task<QuestionnaireTemplate?> GetAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QuestionnaireTemplates.AsNoTracking().Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken);
    }

    /// <summary>Copy to customise: the organisation's own template with a draft holding the built-in content.</summary>
    public async Task<Guid> CopyBuiltInAsync(string builtInKey, CancellationToken cancellationToken = default)
    {
        var template = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(builtInKey), clock.GetUtcNow());
        await AddAsync(template, cancellationToken);
        return template.Id;
    }

    public async Task<Guid> CreateBlankAsync(LocalizedText name, LocalizedText? description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name.Fr) && string.IsNullOrWhiteSpace(name.En))
        {
            throw QuestionnaireErrors.Invalid("TemplateNameRequired", "A template needs a name.");
        }

        var template = QuestionnaireTemplate.Create(name, description, clock.GetUtcNow());
        await AddAsync(template, cancellationToken);
        return template.Id;
    }

    public Task RenameAsync(Guid templateId, LocalizedText name, LocalizedText? description, CancellationToken cancellationToken = default) =>
        ChangeTemplateAsync(templateId, t => t.Rename(name, description), cancellationToken);

    /// <summary>A new draft version copied from the latest version; returns its number.</summary>
    public async Task<int> CreateDraftAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        var number = 0;
        await ChangeTemplateAsync(templateId, t => number = t.CreateDraft(clock.GetUtcNow()).Number, cancellationToken);
        return number;
    }

    public Task DiscardDraftAsync(Guid templateId, CancellationToken cancellationToken = default) =>
        ChangeTemplateAsync(templateId, t => t.DiscardDraft(), cancellationToken);

    /// <summary>What would prevent the draft from being published (empty when it can be).</summary>
    public async Task<IReadOnlyList<TemplateValidationError>> ValidateDraftAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        var template = await GetAsync(templateId, cancellationToken) ?? throw NotFound(templateId);
        var draft = template.Draft ?? throw QuestionnaireTemplate.NoDraft();
        return TemplateValidator.Validate(draft, Catalogue);
    }

    /// <summary>Publishes the draft when it is valid (retiring the previously published version); otherwise lists every problem and saves nothing.</summary>
    public async Task<PublishResult> PublishAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        try
        {
            await ChangeTemplateAsync(templateId, t => t.PublishDraft(Catalogue, clock.GetUtcNow()), cancellationToken);
            return new PublishResult(true, []);
        }
        catch (TemplateValidationException ex)
        {
            return new PublishResult(false, ex.Errors);
        }
    }

    public Task RetireAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default) =>
        ChangeTemplateAsync(templateId, t => t.Retire(versionNumber, clock.GetUtcNow()), cancellationToken);

    // ---- Editing a draft. Each call names the version it changes: the domain refuses a published
    // or retired one (PublishedVersionImmutableException), and so does the save interceptor.

    public Task AddSectionAsync(Guid templateId, int versionNumber, string key, LocalizedText title, string? parentKey, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(templateId, versionNumber, v => v.AddSection(NewKey(v, key), title, parentKey), cancellationToken);

    public Task UpdateSectionAsync(Guid templateId, int versionNumber, string key, LocalizedText title, LocalizedText? description, ConditionDocument? visibleWhen, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(
            templateId,
            versionNumber,
            v =>
            {
                var section = v.FindSection(key) ?? throw NoSection(key);
                section.SetTitle(title);
                section.SetDescription(description);
                section.SetVisibleWhen(visibleWhen is null ? null : QuestionnaireJson.ToCondition(visibleWhen));
            },
            cancellationToken);

    /// <summary>Moves a section up (−1) or down (+1) among its siblings.</summary>
    public Task MoveSectionAsync(Guid templateId, int versionNumber, string key, int offset, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(
            templateId,
            versionNumber,
            v =>
            {
                var section = v.FindSection(key) ?? throw NoSection(key);
                v.MoveSection(key, Math.Max(0, section.Order + offset));
            },
            cancellationToken);

    public Task RemoveSectionAsync(Guid templateId, int versionNumber, string key, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(templateId, versionNumber, v => v.RemoveSection(key), cancellationToken);

    public Task AddQuestionAsync(Guid templateId, int versionNumber, string sectionKey, string key, QuestionType type, LocalizedText text, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(templateId, versionNumber, v => v.AddQuestion(sectionKey, NewKey(v, key), type, text), cancellationToken);

    /// <summary>Replaces a question's properties (all but its key) by those of <paramref name="edited"/>.</summary>
    public Task UpdateQuestionAsync(Guid templateId, int versionNumber, string key, QuestionDocument edited, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(
            templateId,
            versionNumber,
            v => QuestionnaireJson.Apply(v.FindQuestion(key) ?? throw NoQuestion(key), edited),
            cancellationToken);

    /// <summary>Moves a question up (−1) or down (+1) within its section.</summary>
    public Task MoveQuestionAsync(Guid templateId, int versionNumber, string key, int offset, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(
            templateId,
            versionNumber,
            v =>
            {
                var question = v.FindQuestion(key) ?? throw NoQuestion(key);
                v.MoveQuestion(key, question.SectionKey, Math.Max(0, question.Order + offset));
            },
            cancellationToken);

    public Task RemoveQuestionAsync(Guid templateId, int versionNumber, string key, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(templateId, versionNumber, v => v.RemoveQuestion(key), cancellationToken);

    // ---- JSON exchange

    /// <summary>The version in the documented JSON format, or null when the template or version does not exist here.</summary>
    public async Task<ExportedFile?> ExportJsonAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default)
    {
        var template = await GetAsync(templateId, cancellationToken);
        var version = template?.Versions.FirstOrDefault(v => v.Number == versionNumber);
        if (template is null || version is null)
        {
            return null;
        }

        var slug = new string(template.Name.En.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var fileName = $"{(slug.Length == 0 ? "questionnaire" : slug[..Math.Min(slug.Length, 60)])}-v{version.Number}.json";
        return new ExportedFile(fileName, QuestionnaireJson.Serialize(template.ToDocument(version)));
    }

    /// <summary>The version as an Excel workbook (sheets Template, Sections, Questions), or null when it does not exist here.</summary>
    public async Task<ExportedWorkbook?> ExportExcelAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default)
    {
        var json = await ExportJsonAsync(templateId, versionNumber, cancellationToken);
        return json is null
            ? null
            : new ExportedWorkbook(Path.ChangeExtension(json.FileName, ".xlsx"), QuestionnaireWorkbook.Write(QuestionnaireJson.Deserialize(json.Content)));
    }

    /// <summary>
    /// Imports a workbook in the export layout as a new template (draft version 1). Size, declared
    /// uncompressed size and rows are bounded; an error names the sheet, row and column, and
    /// nothing is saved unless the whole workbook is valid.
    /// </summary>
    public async Task<ImportResult> ImportExcelAsync(Stream file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        QuestionnaireTemplate template;
        try
        {
            var bytes = await ReadBytesLimitedAsync(file, QuestionnaireWorkbook.MaxBytes, cancellationToken);
            template = QuestionnaireTemplate.FromDocument(QuestionnaireWorkbook.Read(bytes), clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is IQuestionnaireImportFailure failure)
        {
            return new ImportResult(null, failure.ImportError);
        }

        await AddAsync(template, cancellationToken);
        return new ImportResult(template.Id, null);
    }

    /// <summary>
    /// Imports a JSON document as a new template of the organisation (a draft version 1). Refuses
    /// files over <see cref="MaxImportBytes"/>, invalid UTF-8 and anything the format does not
    /// allow, with a message naming the problem; nothing is saved unless the whole file is valid.
    /// </summary>
    public async Task<ImportResult> ImportJsonAsync(Stream file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        string json;
        try
        {
            json = await ReadLimitedAsync(file, cancellationToken);
        }
        catch (QuestionnaireImportException ex)
        {
            return new ImportResult(null, ex.ImportError);
        }

        QuestionnaireTemplate template;
        try
        {
            template = QuestionnaireTemplate.FromDocument(QuestionnaireJson.Deserialize(json), clock.GetUtcNow());
        }
        catch (QuestionnaireImportException ex)
        {
            return new ImportResult(null, ex.ImportError);
        }

        await AddAsync(template, cancellationToken);
        return new ImportResult(template.Id, null);
    }

    private static async Task<byte[]> ReadBytesLimitedAsync(Stream file, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new QuestionnaireImportException(QuestionnaireImportError.Of("FileTooLarge", "The file is larger than {0} MB, the most a questionnaire file may be.", limit / 1024 / 1024));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new QuestionnaireImportException(QuestionnaireImportError.Of("FileEmpty", "The file is empty."));
        }

        return buffer.ToArray();
    }

    private static async Task<string> ReadLimitedAsync(Stream file, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesLimitedAsync(file, MaxImportBytes, cancellationToken);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            throw new QuestionnaireImportException(QuestionnaireImportError.Of("FileNotUtf8", "The file is not UTF-8 text: is it really a questionnaire JSON file?"), ex);
        }
    }

    private async Task AddAsync(QuestionnaireTemplate template, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.QuestionnaireTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ChangeTemplateAsync(Guid templateId, Action<QuestionnaireTemplate> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await db.QuestionnaireTemplates.Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken) ?? throw NotFound(templateId);
        change(template);
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task ChangeVersionAsync(Guid templateId, int versionNumber, Action<TemplateVersion> change, CancellationToken cancellationToken) =>
        ChangeTemplateAsync(
            templateId,
            t => change(t.Versions.FirstOrDefault(v => v.Number == versionNumber)
                ?? throw QuestionnaireTemplate.NoVersion(versionNumber)),
            cancellationToken);

    /// <summary>
    /// Keys are checked fully on publish; refusing a missing, malformed or duplicate key here saves the
    /// editor a confusing state (and a key that publish would refuse).
    /// </summary>
    private static string NewKey(TemplateVersion version, string key)
    {
        key = (key ?? string.Empty).Trim();
        if (key.Length == 0)
        {
            throw QuestionnaireErrors.Invalid("KeyRequired", "A key is required.");
        }

        if (!TemplateValidator.IsValidKey(key))
        {
            throw QuestionnaireErrors.Invalid("KeyFormat", "The key \"{0}\" is not valid: use 1 to 64 lower-case letters, digits, '-', '_' or '.', starting with a letter or digit.", key);
        }

        if (version.FindSection(key) is not null || version.FindQuestion(key) is not null)
        {
            throw QuestionnaireErrors.Invalid("KeyInUse", "The key \"{0}\" is already used in this version.", key);
        }

        return key;
    }

    private static QuestionnaireNotFoundException NoSection(string key) =>
        QuestionnaireErrors.Missing("NoSection", "There is no section {0} (removed meanwhile?).", key);

    private static QuestionnaireNotFoundException NoQuestion(string key) =>
        QuestionnaireErrors.Missing("NoQuestion", "There is no question {0} (removed meanwhile?).", key);

    private static QuestionnaireNotFoundException NotFound(Guid templateId) =>
        QuestionnaireErrors.Missing("NoTemplate", "There is no questionnaire template {0}.", templateId);

    private static int CountQuestions(IEnumerable<SectionDocument>? sections) =>
        (sections ?? []).Sum(s => (s.Questions?.Count ?? 0) + CountQuestions(s.Sections));
}
