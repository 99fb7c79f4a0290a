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
/// <remarks>Evidence-request questions count as answered with a note until the evidence vault is
/// wired; the scorer (<see cref="QuestionnaireScorer"/>) still scores only attached documents.</remarks>
public sealed record AssessmentProgress(
    IReadOnlySet<string> VisibleQuestionKeys,
    IReadOnlySet<string> VisibleSectionKeys,
    IReadOnlyList<SectionProgress> Sections,
    IReadOnlyList<string> MissingRequiredKeys,
    int Visible,
    int Answered)
{
    public decimal CompletionPercent => Visible == 0 ? 100m : Math.Round(100m * Answered / Visible, 1, MidpointRounding.AwayFromZero);

    public static AssessmentProgress Compute(TemplateVersion version, IReadOnlyDictionary<string, AnswerValue> values)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(values);
        var answers = DomainAnswers(version, values);
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
            answered.Count);
    }

    /// <summary>The answers as the pure rules read them (conditions, scorer).</summary>
    public static Dictionary<string, Answer> DomainAnswers(TemplateVersion version, IReadOnlyDictionary<string, AnswerValue> values)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(values);
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (version.FindQuestion(key) is { } question && value.ToAnswer(question) is { } answer)
            {
                answers[key] = answer;
            }
        }

        return answers;
    }
}
