using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Assessments;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Evidence;

namespace VendorRisk.Web.Features.Portal;

/// <summary>An assessment as the vendor fills it in: no internal comment, no score.</summary>
public sealed record PortalAssessment(
    Guid Id,
    string HospitalName,
    string Title,
    AssessmentStatus Status,
    DateOnly DueOn,
    bool IsOverdue,
    bool IsReadOnly,
    TemplateVersion Version,
    IReadOnlyDictionary<string, AnswerView> Answers,
    AssessmentProgress Progress,
    IReadOnlyList<CommentView> Comments,
    IReadOnlyDictionary<string, string> Delegations,
    IReadOnlyList<FindingView> Findings)
{
    /// <summary>The documents of the vendor's library attached to evidence requests, by version id.</summary>
    public IReadOnlyDictionary<Guid, AttachedEvidence> Evidence { get; init; } = new Dictionary<Guid, AttachedEvidence>();
}

public enum SaveOutcome
{
    Saved = 1,
    Conflict = 2,
    Failed = 3,
}

/// <summary>
/// The result of an autosave. On <see cref="SaveOutcome.Conflict"/>, <see cref="Current"/> is the
/// answer as someone else saved it (shown to the respondent, never overwritten); their own value
/// stays on screen until they choose.
/// </summary>
public sealed record SaveResult(SaveOutcome Outcome, int Version = 0, AnswerView? Current = null, string? Error = null, decimal CompletionPercent = 0m, AssessmentStatus? Status = null);

/// <summary>A required answer missing at submission (or, when <paramref name="Expired"/>, evidence attached that has expired), with its section (for the link to the question).</summary>
public sealed record MissingAnswer(string QuestionKey, string SectionKey, bool Expired = false);

public sealed record SubmitResult(bool Succeeded, IReadOnlyList<MissingAnswer> Missing, string? Error = null);

/// <summary>
/// The vendor's side of assessments. Every use case goes through <see cref="VendorPortalAccess"/>
/// with the caller's own organisation (from their claims, never from the page): an assessment not
/// addressed to it is answered as not found.
/// </summary>
public sealed class PortalService(
    VendorPortalAccess access,
    OrganisationPeople people,
    EvidenceService evidence,
    CurrentUser currentUser,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l,
    PublishedVersionCache versions)
{
    /// <summary>At most this many documents on one evidence request.</summary>
    public const int MaxEvidencePerAnswer = 20;

    private ClaimsPrincipal User => currentUser.Principal;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The signed-in user's display name, else their e-mail or id: records always name someone.</summary>
    private string ActorName => User.GetDisplayName() is { Length: > 0 } name ? name
        : User.FindFirstValue(ClaimTypes.Email) ?? User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?";

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    private Guid VendorOrganisationId => User.Allows(Policies.PortalAnswer) ? User.GetOrganisationId() ?? Guid.Empty : Guid.Empty;

    public Task<IReadOnlyList<PortalAssessmentSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        access.ListAsync(VendorOrganisationId, cancellationToken);

    public async Task<PortalAssessment?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var db = session.Db;
        var assessment = session.Assessment;
        var version = await versions.GetAsync(db, assessment.TemplateVersionId, cancellationToken);
        var answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == id).ToListAsync(cancellationToken);

        // Internal comments are the hospital's own notes: never read on this path.
        var comments = await db.AssessmentComments.AsNoTracking().Where(c => c.AssessmentId == id && !c.IsInternal).OrderBy(c => c.AtUtc).ToListAsync(cancellationToken);
        var delegations = await db.SectionDelegations.AsNoTracking().Where(d => d.AssessmentId == id).ToListAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking().Where(f => f.AssessmentId == id && !f.IsDraft).ToListAsync(cancellationToken);

        var values = answers.ToDictionary(a => a.QuestionKey, a => a.Parsed, StringComparer.Ordinal);
        var attached = await evidence.DescribeVersionsAsync(values.Values.SelectMany(v => v.Evidence), cancellationToken);
        return new PortalAssessment(
            assessment.Id, session.HospitalName, assessment.Title, assessment.Status, assessment.DueOn, assessment.IsOverdue(Today),
            !AssessmentTransitions.VendorMayEdit(assessment.Status), version,
            answers.ToDictionary(a => a.QuestionKey, ToView, StringComparer.Ordinal),
            AssessmentProgress.Compute(version, values, AssessmentEvidence.Items(attached), Today),
            comments.Select(c => new CommentView(c.Id, c.QuestionKey, c.Side, false, c.AuthorName, c.Text, c.AtUtc)).ToList(),
            delegations.ToDictionary(d => d.SectionKey, d => d.DelegateName, StringComparer.Ordinal),
            findings.Select(f => FindingView.Of(f, Today, version: version)).ToList())
        {
            Evidence = attached,
        };
    }

    /// <summary>
    /// Saves one answer. <paramref name="expectedVersion"/> is the version the respondent last saw
    /// (0 when there was no answer): when the stored answer has moved on, nothing is written and
    /// the current answer comes back as a conflict. The version is also compared in SQL, so two
    /// saves racing past this check cannot both win.
    /// </summary>
    public async Task<SaveResult> SaveAnswerAsync(Guid id, string questionKey, AnswerValue value, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        if (session is null)
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Assess_NotFound"]);
        }

        var db = session.Db;
        var assessment = session.Assessment;
        if (!AssessmentTransitions.VendorMayEdit(assessment.Status))
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Portal_ReadOnly"]);
        }

        var version = await versions.GetAsync(db, assessment.TemplateVersionId, cancellationToken);
        var question = version.FindQuestion(questionKey);
        if (question is null)
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Assess_NotFound"]);
        }

        if (value.ToJson().Length > AssessmentAnswer.ValueMaxLength || (value.Text?.Length ?? 0) > AssessmentAnswer.NoteMaxLength)
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Portal_TooLong", AssessmentAnswer.NoteMaxLength]);
        }

        // An evidence request's note is saved here, its documents only through Attach/Detach (which share and revoke).
        var isEvidence = question.Type == QuestionType.EvidenceRequest;
        if (!isEvidence && !value.IsEmpty && !value.Answers(question))
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Portal_InvalidAnswer"]);
        }

        // Only the saved answer is tracked; the others are read as plain values for the completion
        // (conditions decide which questions count, so a count query alone could not compute it).
        var stored = await db.AssessmentAnswers.SingleOrDefaultAsync(a => a.AssessmentId == id && a.QuestionKey == questionKey, cancellationToken);
        if ((stored?.Version ?? 0) != expectedVersion)
        {
            return new SaveResult(SaveOutcome.Conflict, stored?.Version ?? 0, stored is null ? null : ToView(stored));
        }

        if (isEvidence)
        {
            value = AnswerValue.OfText(value.Text) with { Evidence = stored?.Parsed.Evidence ?? [] };
        }

        var others = await db.AssessmentAnswers.AsNoTracking()
            .Where(a => a.AssessmentId == id && a.QuestionKey != questionKey)
            .Select(a => new { a.QuestionKey, a.Value })
            .ToListAsync(cancellationToken);
        if (stored is null)
        {
            stored = new AssessmentAnswer(assessment, questionKey, value, ActorName, Now);
            db.AssessmentAnswers.Add(stored);
        }
        else
        {
            stored.Change(value, ActorName, Now);
        }

        var values = others.ToDictionary(a => a.QuestionKey, a => AnswerValue.FromJson(a.Value), StringComparer.Ordinal);
        values[questionKey] = stored.Parsed;
        var progress = AssessmentProgress.Compute(version, values);
        assessment.RecordAnswerChange(progress.CompletionPercent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new SaveResult(SaveOutcome.Saved, stored.Version, CompletionPercent: progress.CompletionPercent, Status: assessment.Status);
        }
        catch (DbUpdateException)
        {
            // A concurrent save of this answer (version compared in SQL, or a first answer inserted
            // twice), or of the assessment row: read what is there now and show it.
            await using var fresh = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
            var current = fresh is null ? null : await fresh.Db.AssessmentAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.AssessmentId == id && a.QuestionKey == questionKey, cancellationToken);
            if (current is not null && current.Version != expectedVersion)
            {
                return new SaveResult(SaveOutcome.Conflict, current.Version, ToView(current));
            }

            return new SaveResult(SaveOutcome.Failed, Error: l["Portal_SaveFailed"]);
        }
    }

    public async Task<AssessmentResult> AddCommentAsync(Guid id, string questionKey, string text, CancellationToken cancellationToken = default)
    {
        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        if (session is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        var version = await versions.GetAsync(session.Db, session.Assessment.TemplateVersionId, cancellationToken);
        if (version.FindQuestion(questionKey) is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > AssessmentComment.TextMaxLength)
        {
            return AssessmentResult.Fail(l["Assess_Validation_Comment", AssessmentComment.TextMaxLength]);
        }

        var comment = new AssessmentComment(session.Assessment, questionKey, CommentSide.Vendor, false, ActorName, text, Now);
        session.Db.AssessmentComments.Add(comment);
        await session.Db.SaveChangesAsync(cancellationToken);
        return AssessmentResult.Ok(comment.Id);
    }

    /// <summary>Colleagues of the caller's vendor organisation, for delegation.</summary>
    public async Task<IReadOnlyList<PersonOption>> ColleaguesAsync(CancellationToken cancellationToken = default) =>
        (await people.OfAsync(VendorOrganisationId, cancellationToken)).Select(p => new PersonOption(p.UserId, p.DisplayName, p.Email)).ToList();

    public async Task<AssessmentResult> DelegateSectionAsync(Guid id, string sectionKey, string colleagueUserId, CancellationToken cancellationToken = default)
    {
        var colleague = (await people.OfAsync(VendorOrganisationId, cancellationToken)).FirstOrDefault(p => p.UserId == colleagueUserId);
        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        if (session is null || colleague is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        if (!AssessmentTransitions.VendorMayEdit(session.Assessment.Status))
        {
            return AssessmentResult.Fail(l["Portal_ReadOnly"]);
        }

        var version = await versions.GetAsync(session.Db, session.Assessment.TemplateVersionId, cancellationToken);
        if (version.FindSection(sectionKey) is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        var existing = await session.Db.SectionDelegations.SingleOrDefaultAsync(d => d.AssessmentId == id && d.SectionKey == sectionKey, cancellationToken);
        if (existing is null)
        {
            session.Db.SectionDelegations.Add(new SectionDelegation(session.Assessment, sectionKey, colleague.UserId, colleague.DisplayName, ActorName, Now));
        }
        else
        {
            existing.Reassign(colleague.UserId, colleague.DisplayName, ActorName, Now);
        }

        await session.Db.SaveChangesAsync(cancellationToken);
        return AssessmentResult.Ok(id);
    }

    /// <summary>Submits the answers; refused with every missing required answer (visible questions only).</summary>
    public async Task<SubmitResult> SubmitAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        if (session is null)
        {
            return new SubmitResult(false, [], l["Assess_NotFound"]);
        }

        var assessment = session.Assessment;
        if (!AssessmentTransitions.VendorMayEdit(assessment.Status))
        {
            return new SubmitResult(false, [], l["Portal_ReadOnly"]);
        }

        var version = await versions.GetAsync(session.Db, assessment.TemplateVersionId, cancellationToken);
        var answers = await session.Db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == id).ToListAsync(cancellationToken);
        var values = answers.ToDictionary(a => a.QuestionKey, a => a.Parsed, StringComparer.Ordinal);
        var attached = await evidence.DescribeVersionsAsync(values.Values.SelectMany(v => v.Evidence), cancellationToken);
        var progress = AssessmentProgress.Compute(version, values, AssessmentEvidence.Items(attached), Today);
        if (progress.MissingRequiredKeys.Count > 0 || progress.ExpiredEvidenceKeys.Count > 0)
        {
            return new SubmitResult(false, [
                .. progress.MissingRequiredKeys.Select(k => new MissingAnswer(k, version.FindQuestion(k)!.SectionKey)),
                .. progress.ExpiredEvidenceKeys.Select(k => new MissingAnswer(k, version.FindQuestion(k)!.SectionKey, Expired: true))]);
        }

        try
        {
            assessment.Submit(Now, progress.CompletionPercent);

            // Critical answers below the satisfactory score raise draft findings for the reviewer (docs/scoring.md).
            var score = QuestionnaireScorer.Score(version, AssessmentProgress.DomainAnswers(version, values, AssessmentEvidence.Items(attached)), Today);
            await CriticalFindingDrafts.RaiseAsync(session.Db, assessment, version, score, Now, cancellationToken);
            await session.Db.SaveChangesAsync(cancellationToken);
            return new SubmitResult(true, []);
        }
        catch (Exception ex) when (ex is AssessmentStateException or DbUpdateException)
        {
            return new SubmitResult(false, [], l["Assess_Error_Changed"]);
        }
    }

    /// <summary>
    /// Attaches <paramref name="versionId"/> (a version of a document in the caller's library) to an
    /// evidence request: shares it with the hospital that sent the assessment, then records it in
    /// the answer. Same optimistic concurrency as <see cref="SaveAnswerAsync"/>; a share made for
    /// an attachment that could not be recorded is withdrawn again.
    /// </summary>
    public async Task<SaveResult> AttachEvidenceAsync(Guid id, string questionKey, Guid versionId, int expectedVersion, CancellationToken cancellationToken = default) =>
        await ChangeEvidenceAsync(id, questionKey, versionId, attach: true, expectedVersion, cancellationToken);

    /// <summary>Detaches a document from an evidence request and withdraws the hospital's share unless another of its assessments still has it attached.</summary>
    public async Task<SaveResult> DetachEvidenceAsync(Guid id, string questionKey, Guid versionId, int expectedVersion, CancellationToken cancellationToken = default) =>
        await ChangeEvidenceAsync(id, questionKey, versionId, attach: false, expectedVersion, cancellationToken);

    /// <summary>Uploads a new document into the caller's library (the vault's own checks apply), then attaches its version.</summary>
    public async Task<SaveResult> UploadAndAttachAsync(Guid id, string questionKey, EvidenceForm form, EvidenceUpload upload, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(upload);
        if (await EvidenceQuestionAsync(id, questionKey, form.Type, cancellationToken) is { } refused)
        {
            return refused;
        }

        var created = await evidence.CreateDocumentAsync(form, upload, cancellationToken);
        if (!created.Succeeded || created.Id is not { } documentId)
        {
            return new SaveResult(SaveOutcome.Failed, Error: created.Error);
        }

        var document = await evidence.GetDocumentAsync(documentId, cancellationToken);
        return document?.Document.Current is { } current
            ? await AttachEvidenceAsync(id, questionKey, current.Id, expectedVersion, cancellationToken)
            : new SaveResult(SaveOutcome.Failed, Error: l["Portal_SaveFailed"]);
    }

    /// <summary>The caller's library, to pick a document to attach.</summary>
    public Task<IReadOnlyList<DocumentRow>> LibraryAsync(CancellationToken cancellationToken = default) => evidence.ListLibraryAsync(cancellationToken);

    public long MaxEvidenceFileBytes => evidence.MaxFileBytes;

    /// <summary>Null when the assessment is open to the caller for editing and the question is an evidence request; otherwise why not.</summary>
    private async Task<SaveResult?> EvidenceQuestionAsync(Guid id, string questionKey, EvidenceDocumentType documentType, CancellationToken cancellationToken)
    {
        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        if (session is null)
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Assess_NotFound"]);
        }

        if (!AssessmentTransitions.VendorMayEdit(session.Assessment.Status))
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Portal_ReadOnly"]);
        }

        var version = await versions.GetAsync(session.Db, session.Assessment.TemplateVersionId, cancellationToken);
        return version.FindQuestion(questionKey) is { Type: QuestionType.EvidenceRequest } question
            ? TypeRefusal(question, documentType)
            : new SaveResult(SaveOutcome.Failed, Error: l["Assess_NotFound"]);
    }

    /// <summary>Null when a document of <paramref name="documentType"/> answers <paramref name="question"/>; otherwise the refusal naming the types it asks for.</summary>
    private SaveResult? TypeRefusal(Question question, EvidenceDocumentType documentType) =>
        AssessmentEvidence.Accepts(question, documentType)
            ? null
            : new SaveResult(SaveOutcome.Failed, Error: l[
                "Portal_EvidenceTypeRefused",
                l[$"Evidence_Type_{documentType}"].Value,
                string.Join(", ", EvidenceTypeMap.DocumentTypesFor(question.EvidenceTypes).Select(t => l[$"Evidence_Type_{t}"].Value))]);

    private async Task<SaveResult> ChangeEvidenceAsync(Guid id, string questionKey, Guid versionId, bool attach, int expectedVersion, CancellationToken cancellationToken)
    {
        if (!User.Allows(Policies.VendorEvidence))
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Evidence_NotAllowed"]);
        }

        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        if (session is null)
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Assess_NotFound"]);
        }

        var db = session.Db;
        var assessment = session.Assessment;
        if (!AssessmentTransitions.VendorMayEdit(assessment.Status))
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Portal_ReadOnly"]);
        }

        var version = await versions.GetAsync(db, assessment.TemplateVersionId, cancellationToken);
        if (version.FindQuestion(questionKey) is not { Type: QuestionType.EvidenceRequest } question)
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Assess_NotFound"]);
        }

        if (attach
            && (await evidence.DescribeVersionsAsync([versionId], cancellationToken)).TryGetValue(versionId, out var document)
            && TypeRefusal(question, document.Type) is { } refused)
        {
            // A document of a type the request does not accept would never count: refused with the types it asks for.
            return refused;
        }

        // Only the saved answer is tracked; the others are read as plain values for the completion
        // (conditions decide which questions count, so a count query alone could not compute it).
        var stored = await db.AssessmentAnswers.SingleOrDefaultAsync(a => a.AssessmentId == id && a.QuestionKey == questionKey, cancellationToken);
        if ((stored?.Version ?? 0) != expectedVersion)
        {
            return new SaveResult(SaveOutcome.Conflict, stored?.Version ?? 0, stored is null ? null : ToView(stored));
        }

        var current = stored?.Parsed ?? AnswerValue.Empty;
        if (attach && current.Evidence.Count >= MaxEvidencePerAnswer && !current.Evidence.Contains(versionId))
        {
            return new SaveResult(SaveOutcome.Failed, Error: l["Portal_EvidenceTooMany", MaxEvidencePerAnswer]);
        }

        var hospital = assessment.TenantId;
        if (attach)
        {
            // Shares first: it checks that the version is in the caller's own library.
            var shared = await evidence.ShareAsync(versionId, hospital, $"{assessment.Title} · {questionKey}", cancellationToken);
            if (!shared.Succeeded)
            {
                return new SaveResult(SaveOutcome.Failed, Error: shared.Error);
            }
        }

        var value = attach ? current.WithEvidence(versionId) : current.WithoutEvidence(versionId);
        var others = await db.AssessmentAnswers.AsNoTracking()
            .Where(a => a.AssessmentId == id && a.QuestionKey != questionKey)
            .Select(a => new { a.QuestionKey, a.Value })
            .ToListAsync(cancellationToken);
        if (stored is null)
        {
            stored = new AssessmentAnswer(assessment, questionKey, value, ActorName, Now);
            db.AssessmentAnswers.Add(stored);
        }
        else
        {
            stored.Change(value, ActorName, Now);
        }

        var values = others.ToDictionary(a => a.QuestionKey, a => AnswerValue.FromJson(a.Value), StringComparer.Ordinal);
        values[questionKey] = stored.Parsed;
        var progress = AssessmentProgress.Compute(version, values);
        assessment.RecordAnswerChange(progress.CompletionPercent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (attach)
            {
                await RevokeUnlessAttachedAsync(versionId, hospital, cancellationToken);
            }

            await using var fresh = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
            var now = fresh is null ? null : await fresh.Db.AssessmentAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.AssessmentId == id && a.QuestionKey == questionKey, cancellationToken);
            return now is not null && now.Version != expectedVersion
                ? new SaveResult(SaveOutcome.Conflict, now.Version, ToView(now))
                : new SaveResult(SaveOutcome.Failed, Error: l["Portal_SaveFailed"]);
        }

        if (!attach)
        {
            await RevokeUnlessAttachedAsync(versionId, hospital, cancellationToken);
        }

        return new SaveResult(SaveOutcome.Saved, stored.Version, ToView(stored), CompletionPercent: progress.CompletionPercent, Status: assessment.Status);
    }

    /// <summary>
    /// Withdraws the hospital's share of <paramref name="versionId"/> unless an answer of one of its
    /// assessments addressed to the caller still has it attached (a share is per version and
    /// hospital, not per answer).
    /// </summary>
    private async Task RevokeUnlessAttachedAsync(Guid versionId, Guid hospital, CancellationToken cancellationToken)
    {
        var stillAttached = await access.IsEvidenceAttachedAsync(VendorOrganisationId, hospital, versionId, cancellationToken);
        if (!stillAttached)
        {
            await evidence.RevokeShareAsync(versionId, hospital, cancellationToken);
        }
    }

    /// <summary>The vendor proposes a remediation plan for a finding of an assessment addressed to it.</summary>
    public async Task<AssessmentResult> ProposePlanAsync(Guid id, Guid findingId, string? plan, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(plan) || plan.Trim().Length > Finding.TextMaxLength)
        {
            return AssessmentResult.Fail(l["Finding_Validation_Plan", Finding.TextMaxLength]);
        }

        await using var session = await access.OpenAsync(id, VendorOrganisationId, cancellationToken);
        var finding = session is null ? null : await session.Db.Findings.SingleOrDefaultAsync(f => f.Id == findingId && f.AssessmentId == id && !f.IsDraft, cancellationToken);
        if (session is null || finding is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        try
        {
            finding.ProposePlan(plan);
            await session.Db.SaveChangesAsync(cancellationToken);
            return AssessmentResult.Ok(finding.Id);
        }
        catch (Exception ex) when (ex is AssessmentStateException or DbUpdateConcurrencyException)
        {
            return AssessmentResult.Fail(l["Assess_Error_State"]);
        }
    }

    private static AnswerView ToView(AssessmentAnswer a) => new(a.QuestionKey, a.Parsed, a.Version, a.UpdatedBy, a.UpdatedAtUtc, a.Review, a.Review == AnswerReview.NeedsClarification ? a.ReviewNote : null);
}
