namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// A group of questions, ordered within its parent. Sections nest one level: a top-level section
/// may hold subsections, a subsection may not. Part of the <see cref="TemplateVersion"/> aggregate:
/// it is only reached through its (tenant-filtered) version and changes only while that version
/// is a draft.
/// </summary>
public sealed class Section
{
    private Section()
    {
        Key = string.Empty;
        Title = new LocalizedText(string.Empty, string.Empty);
        Version = null!;
    }

    internal Section(TemplateVersion version, string key, string? parentKey, int order, LocalizedText title)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw QuestionnaireErrors.Invalid("KeyRequired", "A key is required.");
        }

        ArgumentNullException.ThrowIfNull(title);
        Version = version;
        Key = key;
        ParentKey = parentKey;
        Order = order;
        Title = title;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string Key { get; private set; }

    /// <summary>The key of the top-level section holding this subsection; null for a top-level section.</summary>
    public string? ParentKey { get; private set; }

    public int Order { get; private set; }

    public LocalizedText Title { get; private set; }

    public LocalizedText? Description { get; private set; }

    /// <summary>The section and all its questions are shown only when this holds (always when null).</summary>
    public Condition? VisibleWhen { get; private set; }

    public TemplateVersion Version { get; private set; }

    public void SetTitle(LocalizedText title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Version.EnsureEditable();
        Title = title;
    }

    public void SetDescription(LocalizedText? description)
    {
        Version.EnsureEditable();
        Description = description;
    }

    public void SetVisibleWhen(Condition? condition)
    {
        Version.EnsureEditable();
        VisibleWhen = condition;
    }

    internal void SetOrder(int order) => Order = order;
}
