using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Assessments;

/// <summary>What a draft finding raised from one critical gap says (before it becomes a <see cref="Finding"/>).</summary>
public sealed record CriticalFindingDraft(string QuestionKey, string Title, FindingSeverity Severity, IReadOnlyList<string> ControlIds, DateOnly DueOn);

/// <summary>
/// Critical answers create a draft finding automatically (issue 6, docs/scoring.md "Draft findings
/// from critical answers"). Pure: given the scored answers at submission, the assessment's tier and
/// the question keys already covered by a finding of the assessment, it says which drafts to raise.
/// <list type="bullet">
/// <item>One draft per critical gap (a visible, answered, critical question scoring below
/// <see cref="QuestionnaireScorer.CriticalSatisfactoryScore"/>), in questionnaire order.</item>
/// <item>Severity: <see cref="FindingSeverity.High"/> when the answer scores below
/// <see cref="ClearFailureBelow"/> (a plain "no"), else <see cref="FindingSeverity.Medium"/>;
/// one level higher when the engagement is <see cref="RiskTier.Critical"/>.</item>
/// <item>Due date: the submission day plus <see cref="RemediationDays"/> of the severity.</item>
/// <item>Title: the question's text (French, the hospital's language; English when it has no French).</item>
/// <item>Never twice: a question already linked to a finding of the assessment (a draft, a
/// discarded draft, or a finding a reviewer raised by hand) raises nothing.</item>
/// </list>
/// </summary>
public static class CriticalFindingRule
{
    /// <summary>A critical answer scoring below this is a clear failure (High, or Critical on a Critical engagement).</summary>
    public const int ClearFailureBelow = 25;

    public static FindingSeverity SeverityFor(decimal answerScore, RiskTier tier)
    {
        var severity = answerScore < ClearFailureBelow ? FindingSeverity.High : FindingSeverity.Medium;
        return tier == RiskTier.Critical ? severity + 1 : severity;
    }

    /// <summary>Days given to remediate, from the day the draft is raised: Critical 30, High 60, Medium 90, Low 180.</summary>
    public static int RemediationDays(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => 30,
        FindingSeverity.High => 60,
        FindingSeverity.Medium => 90,
        _ => 180,
    };

    public static IReadOnlyList<CriticalFindingDraft> DraftsFor(TemplateVersion version, QuestionnaireScore score, RiskTier tier, IEnumerable<string> coveredQuestionKeys, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(coveredQuestionKeys);
        var covered = coveredQuestionKeys.ToHashSet(StringComparer.Ordinal);
        var drafts = new List<CriticalFindingDraft>();
        foreach (var gap in score.CriticalGaps)
        {
            if (!covered.Add(gap.QuestionKey) || version.FindQuestion(gap.QuestionKey) is not { } question)
            {
                continue;
            }

            var severity = SeverityFor(gap.Score, tier);
            var text = string.IsNullOrWhiteSpace(question.Text.Fr) ? question.Text.En : question.Text.Fr;
            var title = text.Trim();
            drafts.Add(new CriticalFindingDraft(
                gap.QuestionKey,
                title.Length > Finding.TitleMaxLength ? title[..Finding.TitleMaxLength] : title,
                severity,
                question.ControlMappings.Select(m => $"{m.Framework}:{m.ControlId}").Distinct(StringComparer.Ordinal).ToList(),
                today.AddDays(RemediationDays(severity))));
        }

        return drafts;
    }
}
