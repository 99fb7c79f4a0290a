using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// One version of a questionnaire template: Draft → Published → Retired. Only a draft can change;
/// a published version is what assessments are sent with and stays exactly as published (retiring
/// it only stops new assessments from using it). Tenant-owned like its template, because
/// assessments and the persistence layer reach versions directly by id.
/// </summary>
public sealed class TemplateVersion : TenantOwnedEntity
{
    private readonly List<Section> _sections = [];
    private readonly List<Question> _questions = [];

    // True only while Content is being loaded from storage, so that a published version can be
    // rebuilt from its row; every public change still goes through EnsureEditable.
    private bool _loading;

    private TemplateVersion()
    {
    }

    internal TemplateVersion(Guid templateId, int number, DateTimeOffset createdAtUtc)
    {
        TemplateId = templateId;
        Number = number;
        Status = TemplateVersionStatus.Draft;
        CreatedAtUtc = createdAtUtc.ToUniversalTime();
    }

    public Guid TemplateId { get; private set; }

    /// <summary>1, 2, 3… within the template.</summary>
    public int Number { get; private set; }

    public TemplateVersionStatus Status { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public DateTimeOffset? PublishedAtUtc { get; private set; }

    public DateTimeOffset? RetiredAtUtc { get; private set; }

    /// <summary>All sections, in no particular order; see <see cref="OrderedSections"/>.</summary>
    public IReadOnlyList<Section> Sections => _sections;

    /// <summary>All questions, in no particular order; see <see cref="OrderedQuestions"/>.</summary>
    public IReadOnlyList<Question> Questions => _questions;

    public bool IsEditable => Status == TemplateVersionStatus.Draft;

    /// <summary>
    /// The sections and questions as stored: the <c>sections</c> array of the JSON exchange format
    /// (docs/questionnaire-json.md), written compactly. Computed from the aggregate on read, so it
    /// can never drift from what the version holds; assigning it (the database loading a row)
    /// rebuilds the sections and questions, whatever the status.
    /// </summary>
    public string Content
    {
        get => QuestionnaireJson.SerializeContent(this);
        private set => LoadContent(value);
    }

    /// <exception cref="PublishedVersionImmutableException">The version is published or retired.</exception>
    public void EnsureEditable()
    {
        if (_loading)
        {
            return;
        }

        if (!IsEditable)
        {
            throw new PublishedVersionImmutableException(Status == TemplateVersionStatus.Retired
                ? QuestionnaireImportError.Of("VersionRetired", "Version {0} is retired and can no longer change; create a new draft version to edit the questionnaire.", Number)
                : QuestionnaireImportError.Of("VersionPublished", "Version {0} is published and can no longer change; create a new draft version to edit the questionnaire.", Number));
        }
    }

    public Section AddSection(string key, LocalizedText title, string? parentKey = null)
    {
        EnsureEditable();
        if (parentKey is not null)
        {
            var parent = FindSection(parentKey) ?? throw NoSection(parentKey);
            if (parent.ParentKey is not null)
            {
                throw QuestionnaireErrors.Refused("SectionIsSubsection", "Section {0} is already a subsection: sections nest one level only.", parentKey);
            }
        }

        var order = _sections.Count(s => string.Equals(s.ParentKey, parentKey, StringComparison.Ordinal));
        var section = new Section(this, key, parentKey, order, title);
        _sections.Add(section);
        return section;
    }

    public Question AddQuestion(string sectionKey, string key, QuestionType type, LocalizedText text)
    {
        EnsureEditable();
        _ = FindSection(sectionKey) ?? throw NoSection(sectionKey);
        var order = _questions.Count(q => string.Equals(q.SectionKey, sectionKey, StringComparison.Ordinal));
        var question = new Question(this, sectionKey, key, type, order, text);
        _questions.Add(question);
        return question;
    }

    /// <summary>Removes a question. Conditions that referred to it are reported by the validator on publish.</summary>
    public void RemoveQuestion(string key)
    {
        EnsureEditable();
        var question = FindQuestion(key) ?? throw NoQuestion(key);
        _questions.Remove(question);
        Renumber(question.SectionKey);
    }

    /// <summary>Removes an empty section (move or remove its questions and subsections first).</summary>
    public void RemoveSection(string key)
    {
        EnsureEditable();
        var section = FindSection(key) ?? throw NoSection(key);
        if (_questions.Exists(q => q.SectionKey == key) || _sections.Exists(s => s.ParentKey == key))
        {
            throw QuestionnaireErrors.Refused("SectionNotEmpty", "Section {0} is not empty: move or remove its questions and subsections first.", key);
        }

        _sections.Remove(section);
        var siblings = _sections.Where(s => s.ParentKey == section.ParentKey).OrderBy(s => s.Order).ToList();
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].SetOrder(i);
        }
    }

    /// <summary>Moves a question to a position (0-based) in a section, possibly another one.</summary>
    public void MoveQuestion(string key, string sectionKey, int position)
    {
        EnsureEditable();
        var question = FindQuestion(key) ?? throw NoQuestion(key);
        _ = FindSection(sectionKey) ?? throw NoSection(sectionKey);
        var oldSection = question.SectionKey;
        var target = QuestionsOf(sectionKey).Where(q => q != question).ToList();
        position = Math.Clamp(position, 0, target.Count);
        target.Insert(position, question);
        for (var i = 0; i < target.Count; i++)
        {
            target[i].MoveTo(sectionKey, i);
        }

        if (oldSection != sectionKey)
        {
            Renumber(oldSection);
        }
    }

    /// <summary>Moves a section to a position (0-based) among its siblings.</summary>
    public void MoveSection(string key, int position)
    {
        EnsureEditable();
        var section = FindSection(key) ?? throw NoSection(key);
        var siblings = _sections.Where(s => s.ParentKey == section.ParentKey && s != section).OrderBy(s => s.Order).ToList();
        siblings.Insert(Math.Clamp(position, 0, siblings.Count), section);
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].SetOrder(i);
        }
    }

    public Question? FindQuestion(string key) => _questions.Find(q => string.Equals(q.Key, key, StringComparison.Ordinal));

    public Section? FindSection(string key) => _sections.Find(s => string.Equals(s.Key, key, StringComparison.Ordinal));

    /// <summary>Top-level sections in order, each followed by its subsections in order.</summary>
    public IReadOnlyList<Section> OrderedSections()
    {
        var result = new List<Section>(_sections.Count);
        foreach (var top in _sections.Where(s => s.ParentKey is null).OrderBy(s => s.Order))
        {
            result.Add(top);
            result.AddRange(_sections.Where(s => s.ParentKey == top.Key).OrderBy(s => s.Order));
        }

        return result;
    }

    public IReadOnlyList<Question> QuestionsOf(string sectionKey) =>
        _questions.Where(q => q.SectionKey == sectionKey).OrderBy(q => q.Order).ToList();

    /// <summary>Questions in the order the vendor sees them.</summary>
    public IReadOnlyList<Question> OrderedQuestions()
    {
        var bySection = _questions.ToLookup(q => q.SectionKey, StringComparer.Ordinal);
        return OrderedSections().SelectMany(s => bySection[s.Key].OrderBy(q => q.Order)).ToList();
    }

    internal void MarkPublished(DateTimeOffset atUtc)
    {
        EnsureEditable();
        Status = TemplateVersionStatus.Published;
        PublishedAtUtc = atUtc.ToUniversalTime();
    }

    internal void MarkRetired(DateTimeOffset atUtc)
    {
        if (Status != TemplateVersionStatus.Published)
        {
            throw QuestionnaireErrors.Refused("RetireNotPublished", "Only a published version can be retired; version {0} is not published.", Number);
        }

        Status = TemplateVersionStatus.Retired;
        RetiredAtUtc = atUtc.ToUniversalTime();
    }

    private void LoadContent(string content)
    {
        _loading = true;
        try
        {
            _sections.Clear();
            _questions.Clear();
            QuestionnaireJson.FillContent(this, content);
        }
        finally
        {
            _loading = false;
        }
    }

    internal static QuestionnaireNotFoundException NoSection(string? key) =>
        QuestionnaireErrors.Missing("NoSection", "There is no section {0} (removed meanwhile?).", key);

    internal static QuestionnaireNotFoundException NoQuestion(string? key) =>
        QuestionnaireErrors.Missing("NoQuestion", "There is no question {0} (removed meanwhile?).", key);

    private void Renumber(string sectionKey)
    {
        var list = QuestionsOf(sectionKey);
        for (var i = 0; i < list.Count; i++)
        {
            list[i].MoveTo(sectionKey, i);
        }
    }
}
