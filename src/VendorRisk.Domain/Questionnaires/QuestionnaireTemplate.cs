using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// A questionnaire template of one organisation, with its versions. Always tenant-owned: the
/// built-in templates are not rows of this type but <see cref="BuiltInTemplate"/> content shipped
/// in the assembly; a tenant that wants one gets its own copy (<see cref="CopyOf"/>), so tenant
/// filtering never needs an exception for "global" rows.
/// </summary>
public sealed class QuestionnaireTemplate : TenantOwnedEntity
{
    private readonly List<TemplateVersion> _versions = [];

    private QuestionnaireTemplate()
    {
        Name = new LocalizedText(string.Empty, string.Empty);
    }

    private QuestionnaireTemplate(LocalizedText name, LocalizedText? description, string? builtInSourceKey, DateTimeOffset createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Description = description;
        BuiltInSourceKey = builtInSourceKey;
        CreatedAtUtc = createdAtUtc.ToUniversalTime();
    }

    public LocalizedText Name { get; private set; }

    public LocalizedText? Description { get; private set; }

    /// <summary>The key of the built-in template this one was copied from, if any.</summary>
    public string? BuiltInSourceKey { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public IReadOnlyList<TemplateVersion> Versions => _versions;

    public TemplateVersion? Draft => _versions.Find(v => v.Status == TemplateVersionStatus.Draft);

    public TemplateVersion? LatestPublished =>
        _versions.Where(v => v.Status == TemplateVersionStatus.Published).MaxBy(v => v.Number);

    public TemplateVersion LatestVersion => _versions.MaxBy(v => v.Number)!;

    /// <summary>A new template with an empty draft version 1.</summary>
    public static QuestionnaireTemplate Create(LocalizedText name, LocalizedText? description, DateTimeOffset nowUtc)
    {
        var template = new QuestionnaireTemplate(name, description, null, nowUtc);
        template.AddVersion(nowUtc);
        return template;
    }

    /// <summary>A new template whose draft version 1 holds the content of an imported document.</summary>
    /// <exception cref="QuestionnaireImportException">The document holds an invalid value.</exception>
    public static QuestionnaireTemplate FromDocument(TemplateDocument document, DateTimeOffset nowUtc, string? builtInSourceKey = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var template = new QuestionnaireTemplate(document.Name, document.Description, builtInSourceKey, nowUtc);
        QuestionnaireJson.Fill(template.AddVersion(nowUtc), document);
        return template;
    }

    /// <summary>The tenant's own editable copy of a built-in template (draft version 1).</summary>
    public static QuestionnaireTemplate CopyOf(BuiltInTemplate builtIn, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        return FromDocument(builtIn.Document, nowUtc, builtIn.Key);
    }

    public void Rename(LocalizedText name, LocalizedText? description)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Description = description;
    }

    /// <summary>Starts editing: a new draft version, a copy of the latest version (same keys, new ids).</summary>
    /// <exception cref="InvalidOperationException">A draft already exists.</exception>
    public TemplateVersion CreateDraft(DateTimeOffset nowUtc)
    {
        if (Draft is { } existing)
        {
            throw QuestionnaireErrors.Refused("DraftExists", "Version {0} is already a draft; edit it or delete it first.", existing.Number);
        }

        var source = LatestVersion;
        var draft = AddVersion(nowUtc);
        QuestionnaireJson.Fill(draft, QuestionnaireJson.ToDocument(Name, Description, source));
        return draft;
    }

    /// <summary>
    /// Publishes the draft after <see cref="TemplateValidator"/> found nothing wrong; the
    /// previously published version is retired (assessments already sent keep pointing at it).
    /// </summary>
    /// <exception cref="TemplateValidationException">The draft is invalid; every error is listed.</exception>
    public TemplateVersion PublishDraft(ControlCatalogue catalogue, DateTimeOffset nowUtc)
    {
        var draft = Draft ?? throw NoDraft();
        var errors = TemplateValidator.Validate(draft, catalogue);
        if (errors.Count > 0)
        {
            throw new TemplateValidationException(errors);
        }

        LatestPublished?.MarkRetired(nowUtc);
        draft.MarkPublished(nowUtc);
        return draft;
    }

    /// <summary>Stops a published version from being used for new assessments.</summary>
    public void Retire(int versionNumber, DateTimeOffset nowUtc)
    {
        var version = _versions.Find(v => v.Number == versionNumber)
            ?? throw NoVersion(versionNumber);
        version.MarkRetired(nowUtc);
    }

    /// <summary>Deletes the draft version (published versions are never deleted).</summary>
    public void DiscardDraft()
    {
        var draft = Draft ?? throw NoDraft();
        if (_versions.Count == 1)
        {
            throw QuestionnaireErrors.Refused("OnlyVersion", "The only version of a template cannot be discarded.");
        }

        _versions.Remove(draft);
    }

    /// <summary>The version does not exist (another user may have discarded it).</summary>
    public static QuestionnaireNotFoundException NoVersion(int versionNumber) =>
        QuestionnaireErrors.Missing("NoVersion", "There is no version {0} (discarded meanwhile?).", versionNumber);

    /// <summary>The template has no draft (another user may have published or discarded it).</summary>
    public static QuestionnaireOperationException NoDraft() =>
        QuestionnaireErrors.Refused("NoDraft", "There is no draft version (published or discarded meanwhile?).");

    public TemplateDocument ToDocument(TemplateVersion version) => QuestionnaireJson.ToDocument(Name, Description, version);

    private TemplateVersion AddVersion(DateTimeOffset nowUtc)
    {
        var number = _versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1;
        var version = new TemplateVersion(Id, number, nowUtc);
        if (TenantId != Guid.Empty)
        {
            version.AssignTenant(TenantId);
        }

        _versions.Add(version);
        return version;
    }
}
