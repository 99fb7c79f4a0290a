using VendorRisk.Domain.Evidence;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// Computes the questionnaire score (0–100, 100 = fully satisfactory) of a set of answers for one
/// template version. Pure. The rules (also in docs/scoring.md, "Questionnaire score"):
/// <list type="number">
/// <item>Only visible questions count (see <see cref="ConditionEvaluator"/>); hidden ones are
/// excluded, even when an answer is stored for them.</item>
/// <item>A question's score: the option's score (0–100); multiple choice: the sum of the selected
/// options' scores, capped at 100 (N/A options ignored); number: the first matching score band;
/// evidence request: 100 when a document answering the request (<see cref="EvidenceTypeMap"/>) is
/// attached and still valid on the evidence date (the later of the scoring date and the
/// assessment's due date); when every answering document has expired by then,
/// <see cref="ExpiredEvidenceScore"/>, or 0 if the question says "must not be expired"; 0 when no
/// attached document answers the request.</item>
/// <item>Not applicable (an N/A option, or only N/A options selected) removes the question from the
/// score: neither its score nor its weight count. So do unanswered questions, free text, dates,
/// numbers without score bands, weight 0, and answers of the wrong kind.</item>
/// <item>Raw score = Σ(weight × score) / Σ(weight) over the scored questions; null when none.</item>
/// <item>Critical rule: a visible, answered, critical question scoring below
/// <see cref="CriticalSatisfactoryScore"/> is a critical gap; any critical gap caps the score at
/// <see cref="CriticalCapScore"/>. Unanswered or N/A critical questions are not gaps (completion and
/// required-question checks cover unanswered ones).</item>
/// <item>Completion = answered visible questions / visible questions (N/A counts as answered).</item>
/// </list>
/// Scores are rounded to one decimal, contributions to two, half away from zero, at the end only.
/// </summary>
public static class QuestionnaireScorer
{
    /// <summary>A critical question scoring strictly below this is unsatisfactory. "Partially" (50) is not a gap by default.</summary>
    public const int CriticalSatisfactoryScore = 50;

    /// <summary>
    /// The overall score is at most this when any critical gap exists: below the 50 "half
    /// satisfactory" line, so excellent answers elsewhere cannot hide, say, privileged access
    /// without MFA (the MediBoard breach used stolen privileged credentials).
    /// </summary>
    public const int CriticalCapScore = 40;

    /// <summary>
    /// What an evidence request scores when the documents answering it have all expired by the
    /// evidence date and the question does not demand validity: an expired certificate shows the
    /// control existed, not that it still does. Below <see cref="CriticalSatisfactoryScore"/>, so on
    /// a critical question it is a gap.
    /// </summary>
    public const int ExpiredEvidenceScore = 25;

    /// <summary>The date attached evidence must still be valid on: the later of the scoring date and the assessment's due date.</summary>
    public static DateOnly EvidenceDate(DateOnly asOf, DateOnly? dueOn) => dueOn is { } due && due > asOf ? due : asOf;

    /// <summary>Scores <paramref name="answers"/> on <paramref name="asOf"/>; evidence must be valid on that date.</summary>
    public static QuestionnaireScore Score(TemplateVersion version, IReadOnlyDictionary<string, Answer> answers, DateOnly asOf) =>
        Score(version, answers, asOf, asOf);

    /// <summary>
    /// Scores <paramref name="answers"/> on <paramref name="asOf"/>; attached evidence counts as
    /// valid only if it does not expire before <paramref name="evidenceDate"/> (see
    /// <see cref="EvidenceDate"/>; a date before <paramref name="asOf"/> is read as <paramref name="asOf"/>).
    /// </summary>
    public static QuestionnaireScore Score(TemplateVersion version, IReadOnlyDictionary<string, Answer> answers, DateOnly asOf, DateOnly evidenceDate)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(answers);

        var visibility = ConditionEvaluator.ComputeVisibility(version, answers);
        var sections = version.OrderedSections();
        var parentOf = sections.ToDictionary(s => s.Key, s => s.ParentKey, StringComparer.Ordinal);

        var evaluated = new List<(Question Question, QuestionScoreStatus Status, decimal? Score, IReadOnlyList<string> Options)>();
        foreach (var question in version.OrderedQuestions())
        {
            if (!visibility.IsQuestionVisible(question.Key))
            {
                evaluated.Add((question, QuestionScoreStatus.Hidden, null, []));
                continue;
            }

            var answer = answers.GetValueOrDefault(question.Key);
            if (answer is null || answer.IsEmpty)
            {
                evaluated.Add((question, QuestionScoreStatus.Unanswered, null, []));
                continue;
            }

            var (status, score, options) = ScoreAnswer(question, answer, evidenceDate > asOf ? evidenceDate : asOf);
            evaluated.Add((question, status, score, options));
        }

        var totalWeight = evaluated.Where(e => e.Status == QuestionScoreStatus.Scored).Sum(e => e.Question.Weight);
        var weightedSum = evaluated.Where(e => e.Status == QuestionScoreStatus.Scored).Sum(e => e.Question.Weight * e.Score!.Value);
        decimal? raw = totalWeight > 0 ? weightedSum / totalWeight : null;

        var contributions = evaluated.Select(e => new QuestionContribution(
            e.Question.Key,
            e.Question.SectionKey,
            e.Status,
            e.Options,
            e.Score,
            e.Question.Weight,
            e.Status == QuestionScoreStatus.Scored && totalWeight > 0 ? Round(e.Question.Weight * e.Score!.Value / totalWeight, 2) : 0m,
            e.Question.IsCritical,
            IsGap(e.Question, e.Status, e.Score))).ToList();

        var gaps = contributions
            .Where(c => c.IsCriticalGap)
            .Select(c => new CriticalGap(c.QuestionKey, c.SectionKey, c.Score!.Value, c.SelectedOptionKeys))
            .ToList();

        var capped = gaps.Count > 0 && raw > CriticalCapScore;
        decimal? final = raw is null ? null : Round(capped ? CriticalCapScore : raw.Value, 1);

        var sectionScores = sections.Select(s =>
        {
            var inSection = contributions.Where(c => c.SectionKey == s.Key || parentOf.GetValueOrDefault(c.SectionKey) == s.Key).ToList();
            return new SectionScore(
                s.Key,
                visibility.IsSectionVisible(s.Key),
                WeightedMean(inSection),
                CompletionOf(inSection),
                inSection.Count(c => c.IsCriticalGap));
        }).ToList();

        var visibleCount = contributions.Count(c => c.Status != QuestionScoreStatus.Hidden);
        var unansweredRequired = evaluated
            .Where(e => e.Question.IsRequired && e.Status is QuestionScoreStatus.Unanswered or QuestionScoreStatus.InvalidAnswer)
            .Select(e => e.Question.Key)
            .ToList();

        return new QuestionnaireScore(
            final,
            raw is null ? null : Round(raw.Value, 1),
            capped,
            CompletionOf(contributions),
            visibleCount,
            contributions.Count(IsAnswered),
            totalWeight,
            sectionScores,
            contributions,
            gaps,
            unansweredRequired);
    }

    private static (QuestionScoreStatus Status, decimal? Score, IReadOnlyList<string> Options) ScoreAnswer(Question question, Answer answer, DateOnly evidenceDate)
    {
        switch (question.Type)
        {
            case QuestionType.FreeText when answer is TextAnswer:
            case QuestionType.Date when answer is DateAnswer:
                return (QuestionScoreStatus.Informational, null, []);

            case QuestionType.YesNo or QuestionType.YesNoPartialNa or QuestionType.SingleChoice or QuestionType.MultipleChoice
                when answer is ChoiceAnswer choice:
                {
                    var selected = choice.OptionKeys.Select(question.FindOption).ToList();
                    var keys = choice.OptionKeys;
                    if (selected.Contains(null) || (question.Type != QuestionType.MultipleChoice && selected.Count != 1))
                    {
                        return (QuestionScoreStatus.InvalidAnswer, null, keys);
                    }

                    var scores = selected.Where(o => o!.Score is not null).Select(o => (decimal)o!.Score!.Value).ToList();
                    if (scores.Count == 0)
                    {
                        return (QuestionScoreStatus.NotApplicable, null, keys);
                    }

                    if (question.Weight <= 0)
                    {
                        return (QuestionScoreStatus.Informational, null, keys);
                    }

                    return (QuestionScoreStatus.Scored, Math.Min(100m, scores.Sum()), keys);
                }

            case QuestionType.Number when answer is NumberAnswer number:
                {
                    if (question.Minimum is { } min && number.Value < min || question.Maximum is { } max && number.Value > max)
                    {
                        return (QuestionScoreStatus.InvalidAnswer, null, []);
                    }

                    var band = question.ScoreBands.FirstOrDefault(b => b.Contains(number.Value));
                    return band is null || question.Weight <= 0
                        ? (QuestionScoreStatus.Informational, null, [])
                        : (QuestionScoreStatus.Scored, band.Score, []);
                }

            case QuestionType.EvidenceRequest when answer is EvidenceAnswer evidence:
                {
                    if (question.Weight <= 0)
                    {
                        return (QuestionScoreStatus.Informational, null, []);
                    }

                    return (QuestionScoreStatus.Scored, EvidenceScore(question, evidence.Items, evidenceDate), []);
                }

            default:
                return (QuestionScoreStatus.InvalidAnswer, null, []);
        }
    }

    /// <summary>
    /// The score of an evidence request: 100 when an attached document answers it and is valid on
    /// <paramref name="evidenceDate"/> (no expiry date, or expiring on or after it); when the only
    /// answering documents have expired by then, <see cref="ExpiredEvidenceScore"/> (0 when the
    /// question says "must not be expired"); 0 when no attached document answers it.
    /// </summary>
    public static decimal EvidenceScore(Question question, IEnumerable<EvidenceItem> items, DateOnly evidenceDate)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(items);
        var answering = items.Where(i => EvidenceTypeMap.Answers(i.DocumentType, question.EvidenceTypes)).ToList();
        if (answering.Count == 0)
        {
            return 0m;
        }

        if (answering.Any(i => i.ExpiresOn is null || i.ExpiresOn >= evidenceDate))
        {
            return 100m;
        }

        return question.EvidenceMustNotBeExpired ? 0m : ExpiredEvidenceScore;
    }

    private static bool IsGap(Question question, QuestionScoreStatus status, decimal? score) =>
        question.IsCritical && status == QuestionScoreStatus.Scored && score < CriticalSatisfactoryScore;

    private static bool IsAnswered(QuestionContribution c) =>
        c.Status is QuestionScoreStatus.Scored or QuestionScoreStatus.NotApplicable or QuestionScoreStatus.Informational;

    private static decimal? WeightedMean(IReadOnlyList<QuestionContribution> contributions)
    {
        var scored = contributions.Where(c => c.Status == QuestionScoreStatus.Scored).ToList();
        var weight = scored.Sum(c => c.Weight);
        return weight > 0 ? Round(scored.Sum(c => c.Weight * c.Score!.Value) / weight, 1) : null;
    }

    private static decimal CompletionOf(IReadOnlyList<QuestionContribution> contributions)
    {
        var visible = contributions.Count(c => c.Status != QuestionScoreStatus.Hidden);
        return visible == 0 ? 100m : Round(100m * contributions.Count(IsAnswered) / visible, 1);
    }

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}

public enum QuestionScoreStatus
{
    /// <summary>Counted in the score with its weight.</summary>
    Scored = 1,

    /// <summary>Answered "not applicable": excluded from the score and its weight.</summary>
    NotApplicable = 2,

    /// <summary>Not shown to the vendor because of a condition: excluded.</summary>
    Hidden = 3,

    /// <summary>Visible but not answered yet: excluded from the score, lowers completion.</summary>
    Unanswered = 4,

    /// <summary>Answered but never scored (free text, date, number without bands, weight 0).</summary>
    Informational = 5,

    /// <summary>An answer that does not fit the question (unknown option, wrong kind, out of range): treated as unanswered.</summary>
    InvalidAnswer = 6,
}

/// <summary>
/// Why a questionnaire has its score: every question with its status, score, weight and the points
/// it brings to the raw score (<see cref="Points"/> = weight × score / total scored weight, so the
/// points of all scored questions add up to the raw score, give or take rounding).
/// </summary>
public sealed record QuestionContribution(
    string QuestionKey,
    string SectionKey,
    QuestionScoreStatus Status,
    IReadOnlyList<string> SelectedOptionKeys,
    decimal? Score,
    decimal Weight,
    decimal Points,
    bool IsCritical,
    bool IsCriticalGap);

/// <summary>A critical question answered unsatisfactorily; each one later raises a draft finding.</summary>
public sealed record CriticalGap(string QuestionKey, string SectionKey, decimal Score, IReadOnlyList<string> SelectedOptionKeys);

/// <summary>
/// The score of one section: the weighted mean of its scored questions (a top-level section
/// includes its subsections' questions). The critical cap applies to the overall score only.
/// </summary>
public sealed record SectionScore(string SectionKey, bool IsVisible, decimal? Score, decimal CompletionPercent, int CriticalGapCount);

/// <summary>The result of <c>QuestionnaireScorer.Score</c>.</summary>
/// <param name="Score">The final score 0–100 after the critical cap; null when no question is scored yet.</param>
/// <param name="RawScore">The weighted mean before the critical cap.</param>
/// <param name="CriticalCapApplied">True when a critical gap lowered the score to <see cref="QuestionnaireScorer.CriticalCapScore"/>.</param>
/// <param name="CompletionPercent">Answered visible questions (N/A included) / visible questions × 100.</param>
/// <param name="VisibleQuestionCount">Questions shown to the vendor for these answers.</param>
/// <param name="AnsweredQuestionCount">Visible questions with a valid answer.</param>
/// <param name="ScoredWeight">The sum of the weights of the scored questions (the denominator of the mean).</param>
/// <param name="Sections">Per-section scores, in display order.</param>
/// <param name="Questions">Per-question contributions, in display order.</param>
/// <param name="CriticalGaps">Critical questions answered below <see cref="QuestionnaireScorer.CriticalSatisfactoryScore"/>.</param>
/// <param name="UnansweredRequiredQuestionKeys">Visible required questions without a valid answer.</param>
public sealed record QuestionnaireScore(
    decimal? Score,
    decimal? RawScore,
    bool CriticalCapApplied,
    decimal CompletionPercent,
    int VisibleQuestionCount,
    int AnsweredQuestionCount,
    decimal ScoredWeight,
    IReadOnlyList<SectionScore> Sections,
    IReadOnlyList<QuestionContribution> Questions,
    IReadOnlyList<CriticalGap> CriticalGaps,
    IReadOnlyList<string> UnansweredRequiredQuestionKeys);
