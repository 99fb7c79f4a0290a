using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Domain.Assessments;

/// <summary>Progress of one section: visible questions and how many are answered.</summary>
public sealed record SectionProgress(string SectionKey, int Visible, int Answered)
{
    public decimal Percent => Visible == 0 ? 100m : Math.Round(100m * Answered / Visible, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// What the vendor sees and still owes, from the stored answers: the visible questions (conditions
/// evaluated by <see cref="ConditionEvaluator"/>), completion, per-section progress and the visible
/// required questions without a valid answer (which block submission). Pure.
/// </summary>
/// <remarks>An evidence-request question counts as answered when at least one document is attached.
/// With <c>evidence</c> (what each attached version is) and <c>today</c>, a visible question that
/// says "must not be expired" and has an expired document attached is listed in
/// <see cref="ExpiredEvidenceKeys"/>, which also blocks submission.</remarks>
public sealed record AssessmentProgress(
    IReadOnlySet<string> VisibleQuestionKeys,
    IReadOnlySet<string> VisibleSectionKeys,
    IReadOnlyList<SectionProgress> Sections,
    IReadOnlyList<string> MissingRequiredKeys,
    int Visible,
    int Answered)
{
    public decimal CompletionPercent => Visible == 0 ? 100m : Math.Round(100m * Answered / Visible, 1, MidpointRounding.AwayFromZero);

    /// <summary>Visible "must not be expired" evidence questions with an expired document attached.</summary>
    public IReadOnlyList<string> ExpiredEvidenceKeys { get; init; } = [];

    public static AssessmentProgress Compute(TemplateVersion version, IReadOnlyDictionary<string, AnswerValue> values, IReadOnlyDictionary<Guid, EvidenceItem>? evidence = null, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(values);
        var answers = DomainAnswers(version, values, evidence);
        var expired = new List<string>();
        var visibility = ConditionEvaluator.ComputeVisibility(version, answers);

        var visible = new HashSet<string>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var question in version.OrderedQuestions())
        {
            if (!visibility.IsQuestionVisible(question.Key))
            {
                continue;
            }

            visible.Add(question.Key);
            if (values.TryGetValue(question.Key, out var value) && value.Answers(question))
            {
                answered.Add(question.Key);
                if (question.Type == QuestionType.EvidenceRequest && question.EvidenceMustNotBeExpired && today is { } day && evidence is not null
                    && value.Evidence.Any(id => evidence.GetValueOrDefault(id) is { ExpiresOn: { } expiresOn } && expiresOn < day))
                {
                    expired.Add(question.Key);
                }
            }
            else if (question.IsRequired)
            {
                missing.Add(question.Key);
            }
        }

        var sections = version.OrderedSections()
            .Where(s => visibility.IsSectionVisible(s.Key))
            .Select(s =>
            {
                var keys = version.QuestionsOf(s.Key).Select(q => q.Key).Where(visible.Contains).ToList();
                return new SectionProgress(s.Key, keys.Count, keys.Count(answered.Contains));
            })
            .ToList();

        return new AssessmentProgress(
            visible,
            version.Sections.Select(s => s.Key).Where(visibility.IsSectionVisible).ToHashSet(StringComparer.Ordinal),
            sections,
            missing,
            visible.Count,
            answered.Count)
        {
            ExpiredEvidenceKeys = expired,
        };
    }

    /// <summary>The answers as the pure rules read them (conditions, scorer).</summary>
    public static Dictionary<string, Answer> DomainAnswers(TemplateVersion version, IReadOnlyDictionary<string, AnswerValue> values, IReadOnlyDictionary<Guid, EvidenceItem>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(values);
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (version.FindQuestion(key) is { } question && value.ToAnswer(question, evidence) is { } answer)
            {
                answers[key] = answer;
            }
        }

        return answers;
    }
}
