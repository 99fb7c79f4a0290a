namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// A question of a template version. Its <see cref="Key"/> is stable across versions (answers,
/// conditions, year-over-year diffs and imports refer to it). Part of the
/// <see cref="TemplateVersion"/> aggregate: every change goes through a check that the version is
/// still a draft, so a published version cannot be altered through one of its questions.
/// </summary>
/// <remarks>
/// Scoring fields: <see cref="Weight"/> (≥ 0; 0 makes the question informational),
/// option scores 0–100 or not applicable, <see cref="IsCritical"/> (see <see cref="QuestionnaireScorer"/>).
/// A draft may hold invalid values (the editor shows them); <see cref="TemplateValidator"/> refuses them on publish.
/// </remarks>
public sealed class Question
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string Partial = "partial";
    public const string NotApplicableKey = "na";

    private readonly List<AnswerOption> _options = [];
    private readonly List<ControlMapping> _controlMappings = [];
    private readonly List<NumberScoreBand> _scoreBands = [];
    private readonly List<EvidenceType> _evidenceTypes = [];

    private Question()
    {
        Key = string.Empty;
        SectionKey = string.Empty;
        Text = new LocalizedText(string.Empty, string.Empty);
        Version = null!;
    }

    internal Question(TemplateVersion version, string sectionKey, string key, QuestionType type, int order, LocalizedText text)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw QuestionnaireErrors.Invalid("KeyRequired", "A key is required.");
        }

        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.IsDefined(type))
        {
            throw UnknownType(type);
        }

        Version = version;
        SectionKey = sectionKey;
        Key = key;
        Type = type;
        Order = order;
        Text = text;
        _options.AddRange(DefaultOptions(type));
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string Key { get; private set; }

    public string SectionKey { get; private set; }

    public int Order { get; private set; }

    public QuestionType Type { get; private set; }

    public LocalizedText Text { get; private set; }

    public LocalizedText? HelpText { get; private set; }

    public bool IsRequired { get; private set; }

    /// <summary>The question's share in the weighted mean; 0 = informational.</summary>
    public decimal Weight { get; private set; } = 1m;

    /// <summary>An unsatisfactory answer caps the questionnaire score and is reported as a critical gap.</summary>
    public bool IsCritical { get; private set; }

    public Condition? VisibleWhen { get; private set; }

    public IReadOnlyList<AnswerOption> Options => _options;

    public IReadOnlyList<ControlMapping> ControlMappings => _controlMappings;

    /// <summary>Number questions: the unit shown next to the field (e.g. "hours").</summary>
    public string? Unit { get; private set; }

    public decimal? Minimum { get; private set; }

    public decimal? Maximum { get; private set; }

    public IReadOnlyList<NumberScoreBand> ScoreBands => _scoreBands;

    /// <summary>Evidence requests: the accepted document types.</summary>
    public IReadOnlyList<EvidenceType> EvidenceTypes => _evidenceTypes;

    /// <summary>Evidence requests: an expired document scores 0.</summary>
    public bool EvidenceMustNotBeExpired { get; private set; }

    public TemplateVersion Version { get; private set; }

    public bool IsChoice => Type is QuestionType.YesNo or QuestionType.YesNoPartialNa or QuestionType.SingleChoice or QuestionType.MultipleChoice;

    public AnswerOption? FindOption(string optionKey) => _options.Find(o => string.Equals(o.Key, optionKey, StringComparison.Ordinal));

    public void SetText(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Version.EnsureEditable();
        Text = text;
    }

    public void SetHelpText(LocalizedText? helpText)
    {
        Version.EnsureEditable();
        HelpText = helpText;
    }

    public void SetRequired(bool required)
    {
        Version.EnsureEditable();
        IsRequired = required;
    }

    public void SetWeight(decimal weight)
    {
        Version.EnsureEditable();
        Weight = weight;
    }

    public void SetCritical(bool critical)
    {
        Version.EnsureEditable();
        IsCritical = critical;
    }

    public void SetVisibleWhen(Condition? condition)
    {
        Version.EnsureEditable();
        VisibleWhen = condition;
    }

    /// <summary>Replaces the options (yes/no types keep their fixed keys: only labels and scores should change).</summary>
    public void SetOptions(IEnumerable<AnswerOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Version.EnsureEditable();
        var list = options.ToList();
        _options.Clear();
        _options.AddRange(list);
    }

    public void SetOptionScore(string optionKey, int? score)
    {
        Version.EnsureEditable();
        var index = _options.FindIndex(o => string.Equals(o.Key, optionKey, StringComparison.Ordinal));
        if (index < 0)
        {
            throw QuestionnaireErrors.Missing("NoOption", "Question {0} has no option {1}.", Key, optionKey);
        }

        _options[index] = _options[index] with { Score = score };
    }

    public void SetNumberRange(string? unit, decimal? minimum, decimal? maximum)
    {
        Version.EnsureEditable();
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        Minimum = minimum;
        Maximum = maximum;
    }

    public void SetScoreBands(IEnumerable<NumberScoreBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        Version.EnsureEditable();
        var list = bands.ToList();
        _scoreBands.Clear();
        _scoreBands.AddRange(list);
    }

    public void SetEvidenceRequest(IEnumerable<EvidenceType> types, bool mustNotBeExpired)
    {
        ArgumentNullException.ThrowIfNull(types);
        Version.EnsureEditable();
        var list = types.Distinct().ToList();
        _evidenceTypes.Clear();
        _evidenceTypes.AddRange(list);
        EvidenceMustNotBeExpired = mustNotBeExpired;
    }

    /// <summary>
    /// Changes the type. Yes/no types get their fixed options; types without options lose theirs;
    /// single and multiple choice keep the options they have.
    /// </summary>
    public void ChangeType(QuestionType type)
    {
        Version.EnsureEditable();
        if (!Enum.IsDefined(type))
        {
            throw UnknownType(type);
        }

        if (type == Type)
        {
            return;
        }

        Type = type;
        if (type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice))
        {
            _options.Clear();
            _options.AddRange(DefaultOptions(type));
        }
    }

    public void SetControlMappings(IEnumerable<ControlMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        Version.EnsureEditable();
        var list = mappings.Distinct().ToList();
        _controlMappings.Clear();
        _controlMappings.AddRange(list);
    }

    public void AddControlMapping(ControlMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Version.EnsureEditable();
        if (!_controlMappings.Contains(mapping))
        {
            _controlMappings.Add(mapping);
        }
    }

    public bool RemoveControlMapping(ControlMapping mapping)
    {
        Version.EnsureEditable();
        return _controlMappings.Remove(mapping);
    }

    internal void MoveTo(string sectionKey, int order)
    {
        SectionKey = sectionKey;
        Order = order;
    }

    private static QuestionnaireFormatException UnknownType(QuestionType type) =>
        QuestionnaireErrors.Invalid("UnknownQuestionType", "Unknown question type {0}.", (int)type);

    private static IEnumerable<AnswerOption> DefaultOptions(QuestionType type) => type switch
    {
        QuestionType.YesNo =>
        [
            new AnswerOption(Yes, new LocalizedText("Oui", "Yes"), 100),
            new AnswerOption(No, new LocalizedText("Non", "No"), 0),
        ],
        QuestionType.YesNoPartialNa =>
        [
            new AnswerOption(Yes, new LocalizedText("Oui", "Yes"), 100),
            new AnswerOption(Partial, new LocalizedText("Partiellement", "Partially"), 50),
            new AnswerOption(No, new LocalizedText("Non", "No"), 0),
            AnswerOption.NotApplicable(NotApplicableKey, new LocalizedText("Non applicable", "Not applicable")),
        ],
        _ => [],
    };
}
