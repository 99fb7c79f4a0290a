using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Assessments;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>What kind of change a history entry is (for its icon).</summary>
public enum HistoryKind
{
    Status = 1,
    Answer = 2,
    Review = 3,
    Comment = 4,
    Finding = 5,
}

/// <summary>One line of an assessment's history tab: when, who, what (already in the reader's language).</summary>
public sealed record HistoryEntry(DateTimeOffset AtUtc, string Actor, HistoryKind Kind, string Text, bool IsInternal = false);

/// <summary>Which side reads the history: the hospital sees everything, the vendor only what was addressed to it.</summary>
public enum HistorySide
{
    Hospital = 1,
    Vendor = 2,
}

/// <summary>
/// The history tab of an assessment (issue 6): who changed what and when, read from the audit log
/// (<see cref="AuditEvent"/>, which records every change to the assessment, its answers, comments
/// and findings with the actor and the changed fields) filtered to this assessment's records and
/// turned into readable sentences. Nothing is recorded twice: the audit log is the one source.
/// <list type="bullet">
/// <item>The hospital (<see cref="Policies.AssessmentRead"/>) sees every entry, internal comments,
/// drafts, discarded drafts, decisions and risk acceptances included.</item>
/// <item>A vendor user (through <see cref="VendorPortalAccess"/>, so only for an assessment addressed
/// to its organisation) sees status changes, answers, clarification requests, comments that are not
/// internal, and findings once raised (never drafts, discarded drafts, other review marks, decision
/// notes or risk-acceptance reasons); the hospital's people appear as the hospital's name.</item>
/// </list>
/// Consecutive autosaves of one answer by one person within <see cref="AutosaveWindow"/> are one entry.
/// </summary>
public sealed class AssessmentHistoryService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    VendorPortalAccess portal,
    OrganisationPeople people,
    CurrentUser currentUser,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>Autosaves of the same answer by the same person closer than this make one entry.</summary>
    public static readonly TimeSpan AutosaveWindow = TimeSpan.FromMinutes(10);

    /// <summary>The newest entries shown (an assessment with more shows its latest).</summary>
    public const int MaxEntries = 1000;

    private static readonly string[] Types = [nameof(Assessment), nameof(AssessmentAnswer), nameof(AssessmentComment), nameof(Finding)];

    public async Task<IReadOnlyList<HistoryEntry>?> ForHospitalAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Principal.Allows(Policies.AssessmentRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        return assessment is null ? null : await BuildAsync(db, assessment, HistorySide.Hospital, string.Empty, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEntry>?> ForVendorAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var user = currentUser.Principal;
        var vendorOrganisationId = user.Allows(Policies.PortalAnswer) ? user.GetOrganisationId() ?? Guid.Empty : Guid.Empty;
        await using var session = await portal.OpenAsync(assessmentId, vendorOrganisationId, cancellationToken);
        return session is null ? null : await BuildAsync(session.Db, session.Assessment, HistorySide.Vendor, session.HospitalName, cancellationToken);
    }

    private async Task<IReadOnlyList<HistoryEntry>> BuildAsync(VendorRiskDbContext db, Assessment assessment, HistorySide side, string hospitalName, CancellationToken cancellationToken)
    {
        var id = assessment.Id;
        var answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == id).Select(a => new { a.Id, a.QuestionKey }).ToListAsync(cancellationToken);
        var comments = await db.AssessmentComments.AsNoTracking().Where(c => c.AssessmentId == id).Select(c => new { c.Id, c.QuestionKey, c.IsInternal }).ToListAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking().Where(f => f.AssessmentId == id).Select(f => new { f.Id, f.Title }).ToListAsync(cancellationToken);
        var version = await db.TemplateVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.TemplateVersionId, cancellationToken);

        var targets = new Dictionary<string, Target>(StringComparer.Ordinal) { [Key(id)] = new Target(nameof(Assessment), null, false, null) };
        foreach (var a in answers)
        {
            targets[Key(a.Id)] = new Target(nameof(AssessmentAnswer), a.QuestionKey, false, null);
        }

        foreach (var c in comments)
        {
            targets[Key(c.Id)] = new Target(nameof(AssessmentComment), c.QuestionKey, c.IsInternal, null);
        }

        foreach (var f in findings)
        {
            targets[Key(f.Id)] = new Target(nameof(Finding), null, false, f.Title);
        }

        var ids = targets.Keys.ToList();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetType != null && Types.Contains(e.TargetType) && e.TargetId != null && ids.Contains(e.TargetId))
            .OrderByDescending(e => e.Sequence)
            .Take(MaxEntries * 4)
            .ToListAsync(cancellationToken);

        var vendorPeople = side == HistorySide.Vendor
            ? (await people.OfAsync(assessment.VendorOrganisationId, cancellationToken)).Select(p => p.UserId).ToHashSet(StringComparer.Ordinal)
            : [];
        string Question(string? key) => key is not null && version.FindQuestion(key) is { } q ? QuestionnaireText.Of(q.Text) : key ?? string.Empty;
        // Accounts are named outside the hash chain (ADR 0013); an erased account names nobody.
        var actorIds = events.Select(e => e.ActorUserId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = await db.AuditActorNames.AsNoTracking().Where(n => actorIds.Contains(n.UserId))
            .ToDictionaryAsync(n => n.UserId, n => n.DisplayName, StringComparer.Ordinal, cancellationToken);
        string Actor(AuditEvent e) => e.ActorUserId is null ? l["History_System"]
            : side == HistorySide.Vendor && !vendorPeople.Contains(e.ActorUserId) ? hospitalName
            : names.TryGetValue(e.ActorUserId, out var name) ? (string.IsNullOrEmpty(name) ? l["History_FormerMember"] : name)
            : e.ActorName ?? l["History_System"];

        var entries = new List<HistoryEntry>();
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            var target = targets[e.TargetId!];
            var fields = e.ChangedFields.ToDictionary(f => f.Field, StringComparer.Ordinal);
            var created = e.Action.EndsWith(".Created", StringComparison.Ordinal);
            foreach (var (kind, text, isInternal) in Describe(target, created, fields, side, Question))
            {
                var entry = new HistoryEntry(e.OccurredAtUtc, Actor(e), kind, text, isInternal);
                // An autosave shortly after the same person's previous save of the same answer moves that entry to now.
                var previous = kind == HistoryKind.Answer ? entries.FindLastIndex(x => x.Kind == HistoryKind.Answer) : -1;
                if (previous >= 0 && entries[previous] is var last && last.Text == entry.Text && last.Actor == entry.Actor && entry.AtUtc - last.AtUtc < AutosaveWindow)
                {
                    entries.RemoveAt(previous);
                }

                entries.Add(entry);
            }
        }

        return entries.Count > MaxEntries ? entries[^MaxEntries..] : entries;
    }

    private IEnumerable<(HistoryKind Kind, string Text, bool IsInternal)> Describe(Target target, bool created, Dictionary<string, AuditFieldChange> fields, HistorySide side, Func<string?, string> question)
    {
        var hospital = side == HistorySide.Hospital;
        switch (target.Type)
        {
            case nameof(Assessment):
                if (created && hospital)
                {
                    yield return (HistoryKind.Status, l["History_AssessmentCreated"], false);
                }

                if (fields.TryGetValue(nameof(Assessment.Status), out var status) && Enum.TryParse<AssessmentStatus>(status.NewValue, out var to))
                {
                    var text = l["History_StatusChanged", l[$"AssessmentStatus_{to}"]].Value;
                    if (to == AssessmentStatus.Completed && hospital && fields.TryGetValue(nameof(Assessment.Decision), out var decision) && Enum.TryParse<AssessmentDecision>(decision.NewValue, out var d))
                    {
                        text = l["History_Completed", l[$"AssessmentDecision_{d}"]].Value;
                    }

                    yield return (HistoryKind.Status, text, false);
                }

                if (hospital && fields.TryGetValue(nameof(Assessment.DueOn), out var due) && !created && DateOnly.TryParse(due.NewValue, CultureInfo.InvariantCulture, out var dueOn))
                {
                    yield return (HistoryKind.Status, l["History_DueChanged", dueOn.ToString("d", CultureInfo.CurrentCulture)], false);
                }

                yield break;

            case nameof(AssessmentAnswer):
                if (fields.ContainsKey(nameof(AssessmentAnswer.Value)))
                {
                    yield return (HistoryKind.Answer, l["History_Answered", question(target.QuestionKey)], false);
                }

                if (fields.TryGetValue(nameof(AssessmentAnswer.Review), out var review) && Enum.TryParse<AnswerReview>(review.NewValue, out var mark) && mark != AnswerReview.Pending
                    && (hospital || mark == AnswerReview.NeedsClarification))
                {
                    yield return (HistoryKind.Review, l["History_Reviewed", question(target.QuestionKey), l[$"AnswerReview_{mark}"]], false);
                }

                yield break;

            case nameof(AssessmentComment):
                if (created && (hospital || !target.IsInternal))
                {
                    yield return (HistoryKind.Comment, l[target.IsInternal ? "History_InternalComment" : "History_Comment", question(target.QuestionKey)], target.IsInternal);
                }

                yield break;

            case nameof(Finding):
                var title = target.Title ?? string.Empty;
                var isDraft = fields.TryGetValue(nameof(Finding.IsDraft), out var draft) && draft.NewValue == "True";
                if (created)
                {
                    if (isDraft && hospital)
                    {
                        yield return (HistoryKind.Finding, l["History_FindingDrafted", title], false);
                    }
                    else if (!isDraft)
                    {
                        yield return (HistoryKind.Finding, l["History_FindingRaised", title], false);
                    }

                    yield break;
                }

                if (draft is not null && draft.NewValue == "False")
                {
                    yield return (HistoryKind.Finding, l[hospital ? "History_FindingConfirmed" : "History_FindingRaised", title], false);
                }

                if (hospital && fields.ContainsKey(nameof(Finding.DiscardedAtUtc)))
                {
                    yield return (HistoryKind.Finding, l["History_FindingDiscarded", title], false);
                }

                // The owner is the hospital's business (ADR 0016); the person is not named here (the entry's actor made the change).
                if (hospital && !created && fields.ContainsKey(nameof(Finding.OwnerUserId)))
                {
                    yield return (HistoryKind.Finding, l["History_FindingOwnerChanged", title], false);
                }

                if (fields.TryGetValue(nameof(Finding.Status), out var findingStatus) && Enum.TryParse<FindingStatus>(findingStatus.NewValue, out var next))
                {
                    yield return next == FindingStatus.RiskAccepted && hospital && fields.TryGetValue(nameof(Finding.RiskAcceptedUntil), out var until)
                        ? (HistoryKind.Finding, l["History_RiskAccepted", title, until.NewValue ?? string.Empty], false)
                        : (HistoryKind.Finding, l["History_FindingStatus", title, l[$"FindingStatus_{next}"]], false);
                }

                yield break;
        }
    }

    private static string Key(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private sealed record Target(string Type, string? QuestionKey, bool IsInternal, string? Title);
}
