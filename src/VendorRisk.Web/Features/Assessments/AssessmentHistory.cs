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

/// <summary>
/// Where the next page of a history starts: below <see cref="BeforeSequence"/> in the audit chain,
/// with the newest answer entry already shown (an autosave merges with it across the page boundary).
/// Kept by the page's circuit, never read from a request.
/// </summary>
public sealed record HistoryCursor(long BeforeSequence, HistoryEntry? NewerAnswer);

/// <summary>One page of an assessment's history, newest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, HistoryCursor? Next);

/// <summary>
/// The history a page shows: the entries loaded so far (newest first) and the cursor of the next
/// page. <see cref="ResetAsync"/> loads the first page; <see cref="MoreAsync"/> appends the next.
/// </summary>
public sealed class HistoryFeed
{
    private Func<HistoryCursor?, Task<HistoryPage?>>? _load;
    private List<HistoryEntry>? _entries;
    private HistoryCursor? _next;

    /// <summary>Null while the first page loads.</summary>
    public IReadOnlyList<HistoryEntry>? Entries => _entries;

    public bool HasMore => _next is not null;

    public bool LoadingMore { get; private set; }

    public async Task ResetAsync(Func<HistoryCursor?, Task<HistoryPage?>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
        _entries = null;
        _next = null;
        var page = await load(null);
        _entries = page is null ? [] : [.. page.Entries];
        _next = page?.Next;
    }

    public async Task MoreAsync()
    {
        if (_load is null || _entries is null || _next is null || LoadingMore)
        {
            return;
        }

        LoadingMore = true;
        try
        {
            var page = await _load(_next);
            _entries.AddRange(page?.Entries ?? []);
            _next = page?.Next;
        }
        finally
        {
            LoadingMore = false;
        }
    }
}

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
/// The history is read a page at a time, newest first, with a keyset on the audit sequence (index
/// <c>TenantId, TargetId, Sequence</c>): a page reads the audit events of this assessment's records
/// below the cursor in batches until it has <see cref="PageSize"/> entries the reader may see.
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

    /// <summary>Entries per page (a page may hold a few more: an audit event's entries stay together).</summary>
    public const int PageSize = 50;

    /// <summary>The most entries a page may ask for.</summary>
    public const int MaxPageSize = 200;

    private static readonly string[] Types = [nameof(Assessment), nameof(AssessmentAnswer), nameof(AssessmentComment), nameof(Finding)];

    public async Task<HistoryPage?> ForHospitalAsync(Guid assessmentId, HistoryCursor? from = null, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Principal.Allows(Policies.AssessmentRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        return assessment is null ? null : await BuildAsync(db, assessment, HistorySide.Hospital, string.Empty, from, pageSize, cancellationToken);
    }

    public async Task<HistoryPage?> ForVendorAsync(Guid assessmentId, HistoryCursor? from = null, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var user = currentUser.Principal;
        var vendorOrganisationId = user.Allows(Policies.PortalAnswer) ? user.GetOrganisationId() ?? Guid.Empty : Guid.Empty;
        await using var session = await portal.OpenAsync(assessmentId, vendorOrganisationId, cancellationToken);
        return session is null ? null : await BuildAsync(session.Db, session.Assessment, HistorySide.Vendor, session.HospitalName, from, pageSize, cancellationToken);
    }

    private async Task<HistoryPage> BuildAsync(VendorRiskDbContext db, Assessment assessment, HistorySide side, string hospitalName, HistoryCursor? from, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
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
        var vendorPeople = side == HistorySide.Vendor
            ? (await people.OfAsync(assessment.VendorOrganisationId, cancellationToken)).Select(p => p.UserId).ToHashSet(StringComparer.Ordinal)
            : [];
        string Question(string? key) => key is not null && version.FindQuestion(key) is { } q ? QuestionnaireText.Of(q.Text) : key ?? string.Empty;

        // Accounts are named outside the hash chain (ADR 0013); an erased account names nobody.
        var names = new ActorNames();
        string Actor(AuditEvent e) => e.ActorUserId is null ? l["History_System"]
            : side == HistorySide.Vendor && !vendorPeople.Contains(e.ActorUserId) ? hospitalName
            : names.Named.TryGetValue(e.ActorUserId, out var name) ? (string.IsNullOrEmpty(name) ? l["History_FormerMember"] : name)
            : e.ActorName ?? l["History_System"];

        // Newest first. An answer entry is hidden when the next newer answer entry is the same
        // person's save of the same answer within the window (the autosaves make one entry, at the last save).
        var entries = new List<HistoryEntry>();
        var newerAnswer = from?.NewerAnswer;
        var before = from?.BeforeSequence ?? long.MaxValue;
        var batch = Math.Max(pageSize * 2, 50);
        var exhausted = false;
        while (entries.Count < pageSize && !exhausted)
        {
            var cursor = before;
            var events = await db.AuditEvents.AsNoTracking()
                .Where(e => e.TargetId != null && ids.Contains(e.TargetId) && e.TargetType != null && Types.Contains(e.TargetType) && e.Sequence < cursor)
                .OrderByDescending(e => e.Sequence)
                .Take(batch)
                .ToListAsync(cancellationToken);
            exhausted = events.Count < batch;
            await names.LoadAsync(db, events, cancellationToken);
            for (var n = 0; n < events.Count; n++)
            {
                var e = events[n];
                before = e.Sequence;
                var target = targets[e.TargetId!];
                var fields = e.ChangedFields.ToDictionary(f => f.Field, StringComparer.Ordinal);
                var created = e.Action.EndsWith(".Created", StringComparison.Ordinal);
                var described = Describe(target, created, fields, side, Question).ToList();
                for (var i = described.Count - 1; i >= 0; i--)
                {
                    var (kind, text, isInternal) = described[i];
                    var entry = new HistoryEntry(e.OccurredAtUtc, Actor(e), kind, text, isInternal);
                    if (kind == HistoryKind.Answer)
                    {
                        var merged = newerAnswer is not null && newerAnswer.Text == entry.Text && newerAnswer.Actor == entry.Actor && newerAnswer.AtUtc - entry.AtUtc < AutosaveWindow;
                        newerAnswer = entry;
                        if (merged)
                        {
                            continue;
                        }
                    }

                    entries.Add(entry);
                }

                if (entries.Count >= pageSize)
                {
                    // Events left in this batch: more to read.
                    exhausted = exhausted && n == events.Count - 1;
                    break;
                }
            }
        }

        return new HistoryPage(entries, exhausted ? null : new HistoryCursor(before, newerAnswer));
    }

    /// <summary>The display names of the actors met so far (a row with no name: an erased account).</summary>
    private sealed class ActorNames
    {
        private readonly HashSet<string> _looked = new(StringComparer.Ordinal);

        public Dictionary<string, string?> Named { get; } = new(StringComparer.Ordinal);

        public async Task LoadAsync(VendorRiskDbContext db, List<AuditEvent> events, CancellationToken cancellationToken)
        {
            var missing = events.Select(e => e.ActorUserId).OfType<string>().Where(_looked.Add).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            foreach (var row in await db.AuditActorNames.AsNoTracking().Where(n => missing.Contains(n.UserId)).Select(n => new { n.UserId, n.DisplayName }).ToListAsync(cancellationToken))
            {
                Named[row.UserId] = row.DisplayName;
            }
        }
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
