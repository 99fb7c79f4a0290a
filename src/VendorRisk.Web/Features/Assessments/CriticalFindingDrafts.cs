using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>
/// Raises the draft findings of <see cref="CriticalFindingRule"/> when a vendor submits, in the
/// same save as the submission (an assessment is never submitted without its drafts). The rule
/// skips questions already linked to a finding of the assessment, and the unique
/// (assessment, source question) index makes a concurrent second raise fail the save instead of
/// duplicating (the submission's own concurrency token already refuses the second submit).
/// </summary>
public static class CriticalFindingDrafts
{
    public static async Task<int> RaiseAsync(VendorRiskDbContext db, Assessment assessment, TemplateVersion version, QuestionnaireScore score, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(assessment);
        var existing = await db.Findings.AsNoTracking()
            .Where(f => f.AssessmentId == assessment.Id)
            .Select(f => new { f.SourceQuestionKey, f.QuestionKeys })
            .ToListAsync(cancellationToken);
        var covered = existing.SelectMany(f => f.QuestionKeys.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(f.SourceQuestionKey ?? string.Empty));
        var drafts = CriticalFindingRule.DraftsFor(version, score, assessment.Tier, covered, DateOnly.FromDateTime(now.UtcDateTime));
        foreach (var draft in drafts)
        {
            db.Findings.Add(Finding.DraftFromCriticalAnswer(assessment, draft, now));
        }

        return drafts.Count;
    }
}
