using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Assessments;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Features.Evidence;
using VendorRisk.Web.Features.Invitations;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>
/// The hospital's side of assessments: launch (one or a campaign), list, review, findings and
/// completion. Every query relies on the tenant filter (an id of another hospital finds nothing);
/// every use case re-checks its policy.
/// </summary>
public sealed class AssessmentService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    OrganisationPeople people,
    InvitationService invitations,
    EvidenceService evidence,
    VendorRisk.Web.Features.Portal.PublishedVersionCache versions,
    CurrentUser currentUser,
    StepUpVerifier stepUp,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public const int MaxCampaignSize = 200;

    private ClaimsPrincipal User => currentUser.Principal;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The signed-in user's display name, else their e-mail or id: records always name someone.</summary>
    private string ActorName => User.GetDisplayName() is { Length: > 0 } name ? name
        : User.FindFirstValue(ClaimTypes.Email) ?? User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?";

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    private string UserName => ActorName;

    // ----- Launch -----

    public async Task<LaunchOptions> LaunchOptionsAsync(CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentLaunch))
        {
            return new LaunchOptions([], [], []);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var engagements = await (
                from e in db.Engagements
                join p in db.Products on e.ProductId equals p.Id
                join v in db.Vendors on e.VendorId equals v.Id
                where v.ArchivedAtUtc == null
                select new { e.Id, Vendor = v.LegalName, Product = p.Name, Tier = e.OverrideTier ?? e.ComputedTier, v.LinkedOrganisationId, e.VendorId })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var templates = await PublishedVersionsAsync(db, cancellationToken);
        var owners = await people.OfAsync(User.GetOrganisationId() ?? Guid.Empty, cancellationToken);
        var settings = await AssessmentSettingsService.ForTenantAsync(db, cancellationToken);
        return new LaunchOptions(
            engagements.OrderBy(e => e.Vendor, StringComparer.CurrentCulture).ThenBy(e => e.Product, StringComparer.CurrentCulture)
                .Select(e => new EngagementOption(e.Id, e.Vendor, e.Product, e.Tier, e.LinkedOrganisationId, e.VendorId)).ToList(),
            templates,
            owners.Select(p => new PersonOption(p.UserId, p.DisplayName, p.Email)).ToList())
        {
            MediumTierTemplateId = settings.MediumTierTemplateId,
        };
    }

    /// <summary>The users of the vendor organisation linked to the engagement's vendor, for the respondent choice.</summary>
    public async Task<IReadOnlyList<PersonOption>> VendorPeopleAsync(Guid engagementId, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentLaunch))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisationId = await LinkedOrganisationAsync(db, engagementId, cancellationToken);
        return organisationId is null ? [] : (await people.OfAsync(organisationId.Value, cancellationToken)).Select(p => new PersonOption(p.UserId, p.DisplayName, p.Email)).ToList();
    }

    /// <summary>
    /// The suggestion by tier (issue 6): Critical and High get the full clinical-software baseline,
    /// Low the quick triage; Medium gets the template the organisation chose in its assessment
    /// settings (<paramref name="mediumTierTemplateId"/>), else the baseline (ADR 0015).
    /// Falls back to the first published version when the suggested copy is not in the library.
    /// </summary>
    public static TemplateVersionOption? Suggest(IReadOnlyList<TemplateVersionOption> templates, RiskTier tier, Guid? mediumTierTemplateId = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        if (tier == RiskTier.Medium && mediumTierTemplateId is { } chosen && templates.FirstOrDefault(t => t.TemplateId == chosen) is { } mediumChoice)
        {
            return mediumChoice;
        }

        var key = tier == RiskTier.Low ? BuiltInTemplate.QuickTriageKey : BuiltInTemplate.ClinicalSoftwareBaselineKey;
        return templates.FirstOrDefault(t => t.BuiltInSourceKey == key) ?? (templates.Count > 0 ? templates[0] : null);
    }

    /// <summary>
    /// Launches one assessment per engagement in <paramref name="form"/>. With one engagement the
    /// chosen respondents and new contacts are used; with several (a campaign) every user of each
    /// vendor organisation answers. <paramref name="progress"/> receives (done, total) after each.
    /// </summary>
    public async Task<AssessmentResult> LaunchAsync(LaunchForm form, string baseUri, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!User.Allows(Policies.AssessmentLaunch))
        {
            return AssessmentResult.Fail(l["AccessDenied_Text"]);
        }

        var engagementIds = form.EngagementIds.Distinct().ToList();
        if (engagementIds.Count == 0)
        {
            return AssessmentResult.Fail(l["Assess_Validation_Engagement"]);
        }

        if (engagementIds.Count > MaxCampaignSize)
        {
            return AssessmentResult.Fail(l["Assess_Validation_CampaignSize", MaxCampaignSize]);
        }

        if (form.DueOn is not { } due || DateOnly.FromDateTime(due) <= Today)
        {
            return AssessmentResult.Fail(l["Assess_Validation_DueDate"]);
        }

        var contacts = ParseContacts(form.NewContacts, out var badContact);
        if (badContact is not null)
        {
            return AssessmentResult.Fail(l["Assess_Validation_Contact", badContact]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ownerId = string.IsNullOrWhiteSpace(form.OwnerUserId) ? UserId : form.OwnerUserId;
        var owners = await people.OfAsync(User.GetOrganisationId() ?? Guid.Empty, cancellationToken);
        if (owners.All(o => o.UserId != ownerId))
        {
            return AssessmentResult.Fail(l["Assess_Validation_Owner"]);
        }

        var templates = await PublishedVersionsAsync(db, cancellationToken);
        var mediumTierTemplateId = (await AssessmentSettingsService.ForTenantAsync(db, cancellationToken)).MediumTierTemplateId;
        if (form.TemplateVersionId is { } chosen && templates.All(t => t.VersionId != chosen))
        {
            return AssessmentResult.Fail(l["Assess_Validation_Template"]);
        }

        var campaignId = engagementIds.Count > 1 ? Guid.NewGuid() : (Guid?)null;
        Guid? lastId = null;
        var failures = new List<string>();
        for (var i = 0; i < engagementIds.Count; i++)
        {
            var outcome = await LaunchOneAsync(db, engagementIds[i], form, templates, mediumTierTemplateId, contacts, ownerId, DateOnly.FromDateTime(due), campaignId, engagementIds.Count > 1, baseUri, cancellationToken);
            if (outcome.Succeeded)
            {
                lastId = outcome.Id;
            }
            else
            {
                failures.Add(outcome.Error!);
            }

            progress?.Report((i + 1, engagementIds.Count));
        }

        return failures.Count == 0
            ? AssessmentResult.Ok(engagementIds.Count == 1 ? lastId : campaignId)
            : new AssessmentResult(false, string.Join(" ", failures.Distinct(StringComparer.Ordinal)), lastId);
    }

    private async Task<AssessmentResult> LaunchOneAsync(
        VendorRiskDbContext db,
        Guid engagementId,
        LaunchForm form,
        IReadOnlyList<TemplateVersionOption> templates,
        Guid? mediumTierTemplateId,
        IReadOnlyList<string> contacts,
        string ownerId,
        DateOnly dueOn,
        Guid? campaignId,
        bool isCampaign,
        string baseUri,
        CancellationToken cancellationToken)
    {
        var engagement = await (
                from e in db.Engagements
                join p in db.Products on e.ProductId equals p.Id
                join v in db.Vendors on e.VendorId equals v.Id
                where e.Id == engagementId
                select new { e.Id, e.VendorId, Tier = e.OverrideTier ?? e.ComputedTier, v.LinkedOrganisationId, Vendor = v.LegalName, Product = p.Name })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (engagement is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        if (engagement.LinkedOrganisationId is not { } vendorOrganisationId)
        {
            return AssessmentResult.Fail(l["Assess_Validation_NotLinked", engagement.Vendor]);
        }

        var template = form.TemplateVersionId is { } chosen ? templates.Single(t => t.VersionId == chosen) : Suggest(templates, engagement.Tier, mediumTierTemplateId);
        if (template is null)
        {
            return AssessmentResult.Fail(l["Assess_Validation_Template"]);
        }

        var vendorPeople = await people.OfAsync(vendorOrganisationId, cancellationToken);
        var chosenPeople = isCampaign ? vendorPeople : vendorPeople.Where(p => form.RespondentUserIds.Contains(p.UserId)).ToList();
        if (!isCampaign && chosenPeople.Count != form.RespondentUserIds.Distinct().Count())
        {
            return AssessmentResult.Fail(l["Assess_Validation_Respondent"]);
        }

        var newContacts = isCampaign ? [] : contacts.Where(c => vendorPeople.All(p => !string.Equals(p.Email, c, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosenPeople.Count == 0 && newContacts.Count == 0)
        {
            return AssessmentResult.Fail(l["Assess_Validation_NoRespondent", engagement.Vendor]);
        }

        var title = $"{template.Name} · {engagement.Product}";
        var assessment = new Assessment(
            User.GetOrganisationId()!.Value, engagement.Id, engagement.VendorId, vendorOrganisationId, template.VersionId,
            title.Length > Assessment.TitleMaxLength ? title[..Assessment.TitleMaxLength] : title,
            engagement.Tier, dueOn, ownerId, Now, campaignId);
        foreach (var person in chosenPeople)
        {
            assessment.AddRespondent(person.UserId, person.Email, person.DisplayName);
        }

        foreach (var contact in newContacts)
        {
            assessment.AddRespondent(null, contact, contact);
        }

        assessment.Send(Now);
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);

        var notSent = new List<string>();
        foreach (var contact in newContacts)
        {
            var sent = await invitations.InviteVendorRespondentAsync(vendorOrganisationId, contact, baseUri, cancellationToken: cancellationToken);
            if (!sent.Succeeded)
            {
                notSent.Add(sent.Message);
            }
        }

        return notSent.Count == 0 ? AssessmentResult.Ok(assessment.Id) : new AssessmentResult(false, string.Join(" ", notSent), assessment.Id);
    }

    // ----- List -----

    public async Task<AssessmentListPage> ListAsync(AssessmentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!User.Allows(Policies.AssessmentRead))
        {
            return new AssessmentListPage([], 0);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var rows =
            from a in db.Assessments.AsNoTracking()
            join e in db.Engagements on a.EngagementId equals e.Id
            join p in db.Products on e.ProductId equals p.Id
            join v in db.Vendors on a.VendorId equals v.Id
            select new { a, Vendor = v.LegalName, Product = p.Name };

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.a.Status == status);
        }
        else if (!query.IncludeClosed)
        {
            rows = rows.Where(r => r.a.Status != AssessmentStatus.Completed && r.a.Status != AssessmentStatus.Cancelled);
        }

        if (query.Tier is { } tier)
        {
            rows = rows.Where(r => r.a.Tier == tier);
        }

        if (query.TemplateId is { } templateId)
        {
            rows = rows.Where(r => db.TemplateVersions.Any(v => v.Id == r.a.TemplateVersionId && v.TemplateId == templateId));
        }

        if (query.DueFrom is { } dueFrom)
        {
            rows = rows.Where(r => r.a.DueOn >= dueFrom);
        }

        if (query.DueTo is { } dueTo)
        {
            rows = rows.Where(r => r.a.DueOn <= dueTo);
        }

        if (query.OverdueOnly)
        {
            rows = rows.Where(r => r.a.DueOn < today
                && (r.a.Status == AssessmentStatus.Sent || r.a.Status == AssessmentStatus.InProgress || r.a.Status == AssessmentStatus.ChangesRequested));
        }

        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var term = search[..Math.Min(search.Length, AssessmentQuery.SearchMaxLength)].ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); culture overloads do not translate.
            rows = rows.Where(r => r.Vendor.ToLower().Contains(term) || r.Product.ToLower().Contains(term) || r.a.Title.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await rows.CountAsync(cancellationToken);
        var sorted = (query.SortBy, query.Descending) switch
        {
            (AssessmentSort.Vendor, false) => rows.OrderBy(r => r.Vendor).ThenBy(r => r.a.DueOn),
            (AssessmentSort.Vendor, true) => rows.OrderByDescending(r => r.Vendor).ThenBy(r => r.a.DueOn),
            (AssessmentSort.Status, false) => rows.OrderBy(r => r.a.Status).ThenBy(r => r.a.DueOn),
            (AssessmentSort.Status, true) => rows.OrderByDescending(r => r.a.Status).ThenBy(r => r.a.DueOn),
            (AssessmentSort.Completion, false) => rows.OrderBy(r => r.a.CompletionPercent).ThenBy(r => r.a.DueOn),
            (AssessmentSort.Completion, true) => rows.OrderByDescending(r => r.a.CompletionPercent).ThenBy(r => r.a.DueOn),
            (_, true) => rows.OrderByDescending(r => r.a.DueOn),
            _ => rows.OrderBy(r => r.a.DueOn),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, AssessmentQuery.MaxPageSize);
        var items = await sorted.ThenBy(r => r.a.Id).Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AssessmentListPage(
            items.Select(r => new AssessmentRow(r.a.Id, r.a.Title, r.Vendor, r.Product, r.a.Tier, r.a.Status, r.a.CompletionPercent, r.a.DueOn, r.a.IsOverdue(today), r.a.Score)).ToList(),
            total);
    }

    // ----- Details and review -----

    public async Task<AssessmentDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.Include(a => a.Respondents).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        var names = await (
                from e in db.Engagements
                join p in db.Products on e.ProductId equals p.Id
                join v in db.Vendors on e.VendorId equals v.Id
                where e.Id == assessment.EngagementId
                select new { Vendor = v.LegalName, Product = p.Name })
            .SingleAsync(cancellationToken);
        var version = await db.TemplateVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.TemplateVersionId, cancellationToken);
        var template = await db.QuestionnaireTemplates.AsNoTracking().Where(t => t.Id == version.TemplateId).Select(t => t.Name).SingleAsync(cancellationToken);
        var answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == id).ToListAsync(cancellationToken);
        var comments = await db.AssessmentComments.AsNoTracking().Where(c => c.AssessmentId == id).OrderBy(c => c.AtUtc).ToListAsync(cancellationToken);
        // Severity is stored as text: ordered in memory (overdue first, then most severe), not alphabetically by the database.
        var findings = (await db.Findings.AsNoTracking().Where(f => f.AssessmentId == id && f.DiscardedAtUtc == null).ToListAsync(cancellationToken))
            .OrderByDescending(f => f.IsOverdue(Today)).ThenByDescending(f => f.Severity).ThenBy(f => f.CreatedAtUtc).ToList();
        var members = await MemberNamesAsync(assessment.TenantId, cancellationToken);
        var owner = members.GetValueOrDefault(assessment.OwnerUserId, string.Empty);
        var months = (await AssessmentSettingsService.ForTenantAsync(db, cancellationToken)).MonthsFor(assessment.Tier);

        var values = answers.ToDictionary(a => a.QuestionKey, a => a.Parsed, StringComparer.Ordinal);
        var attached = await evidence.DescribeVersionsAsync(values.Values.SelectMany(v => v.Evidence), cancellationToken);
        var items = AssessmentEvidence.Items(attached);
        var progress = AssessmentProgress.Compute(version, values, items, Today);
        // Until completion, evidence must hold until the due date; once completed, the live score is the current one
        // (evidence as of today), which the page sets beside the score stored at completion.
        var evidenceDate = QuestionnaireScorer.EvidenceDate(Today, assessment.Status == AssessmentStatus.Completed ? null : assessment.DueOn);
        var score = QuestionnaireScorer.Score(version, AssessmentProgress.DomainAnswers(version, values, items), Today, evidenceDate);
        var isFrench = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        return new AssessmentDetails(
            assessment.Id, assessment.Title, names.Vendor, names.Product, assessment.EngagementId, assessment.Tier, assessment.Status, assessment.DueOn,
            assessment.IsOverdue(Today), owner, assessment.Respondents.Select(r => r.DisplayName == r.Email ? r.Email : $"{r.DisplayName} <{r.Email}>").ToList(),
            version, isFrench ? template.Fr : template.En,
            answers.ToDictionary(a => a.QuestionKey, a => new AnswerView(a.QuestionKey, a.Parsed, a.Version, a.UpdatedBy, a.UpdatedAtUtc, a.Review, a.ReviewNote), StringComparer.Ordinal),
            progress, score,
            comments.Select(c => new CommentView(c.Id, c.QuestionKey, c.Side, c.IsInternal, c.AuthorName, c.Text, c.AtUtc)).ToList(),
            findings.Select(f => FindingView.Of(f, Today, members, version)).ToList(),
            assessment.Score, assessment.Decision, assessment.DecisionNote, assessment.NextReassessmentOn,
            Today.AddMonths(months),
            assessment.ConcurrencyToken)
        {
            Evidence = attached,
            ReassessmentMonths = months,
        };
    }

    /// <summary>Accepted, needs clarification (with a note the vendor reads) or finding, for one answer.</summary>
    public Task<AssessmentResult> ReviewAnswerAsync(Guid id, string questionKey, AnswerReview review, string? note, CancellationToken cancellationToken = default) =>
        WithAssessmentAsync(id, Policies.AssessmentReview, async (db, assessment) =>
        {
            if (!AssessmentTransitions.HospitalMayReview(assessment.Status))
            {
                return AssessmentResult.Fail(l["Assess_Error_NotInReview"]);
            }

            var answer = await db.AssessmentAnswers.SingleOrDefaultAsync(a => a.AssessmentId == id && a.QuestionKey == questionKey, cancellationToken);
            if (answer is null)
            {
                return AssessmentResult.Fail(l["Assess_Error_NoAnswer"]);
            }

            try
            {
                answer.SetReview(review, note);
            }
            catch (ArgumentException)
            {
                return AssessmentResult.Fail(l["Assess_Validation_ClarificationNote"]);
            }

            assessment.StartReview();
            return AssessmentResult.Ok(answer.Id);
        }, cancellationToken);

    /// <summary>Sends the assessment back to the vendor; the answers marked "needs clarification" show their notes there.</summary>
    public Task<AssessmentResult> RequestChangesAsync(Guid id, CancellationToken cancellationToken = default) =>
        WithAssessmentAsync(id, Policies.AssessmentReview, async (db, assessment) =>
        {
            var pending = await db.AssessmentAnswers.AnyAsync(a => a.AssessmentId == id && a.Review == AnswerReview.NeedsClarification, cancellationToken);
            if (!pending)
            {
                return AssessmentResult.Fail(l["Assess_Error_NothingToClarify"]);
            }

            assessment.RequestChanges();
            return AssessmentResult.Ok(id);
        }, cancellationToken);

    public Task<AssessmentResult> AddCommentAsync(Guid id, string questionKey, string text, bool isInternal, CancellationToken cancellationToken = default) =>
        WithAssessmentAsync(id, Policies.AssessmentRead, async (db, assessment) =>
        {
            if (!User.Allows(Policies.AssessmentReview) && !User.Allows(Policies.AssessmentLaunch))
            {
                return AssessmentResult.Fail(l["AccessDenied_Text"]);
            }

            var version = await db.TemplateVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.TemplateVersionId, cancellationToken);
            if (version.FindQuestion(questionKey) is null)
            {
                return AssessmentResult.Fail(l["Assess_NotFound"]);
            }

            if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > AssessmentComment.TextMaxLength)
            {
                return AssessmentResult.Fail(l["Assess_Validation_Comment", AssessmentComment.TextMaxLength]);
            }

            var comment = new AssessmentComment(assessment, questionKey, CommentSide.Hospital, isInternal, UserName, text, Now);
            db.AssessmentComments.Add(comment);
            return AssessmentResult.Ok(comment.Id);
        }, cancellationToken);

    /// <summary>Completes a reviewed assessment: the score is computed by the domain scorer from the stored answers and stored with the decision.</summary>
    public Task<AssessmentResult> CompleteAsync(Guid id, AssessmentDecision decision, string? note, DateTime? nextReassessmentOn, Guid concurrencyToken, CancellationToken cancellationToken = default) =>
        WithAssessmentAsync(id, Policies.AssessmentReview, async (db, assessment) =>
        {
            if (assessment.ConcurrencyToken != concurrencyToken)
            {
                return AssessmentResult.Fail(l["Assess_Error_Changed"]);
            }

            assessment.StartReview();
            if (assessment.Status != AssessmentStatus.UnderReview)
            {
                return AssessmentResult.Fail(l["Assess_Error_NotInReview"]);
            }

            var next = nextReassessmentOn is { } date ? DateOnly.FromDateTime(date)
                : Today.AddMonths((await AssessmentSettingsService.ForTenantAsync(db, cancellationToken)).MonthsFor(assessment.Tier));
            if (next <= Today)
            {
                return AssessmentResult.Fail(l["Assess_Validation_NextDate"]);
            }

            if (note?.Trim().Length > Assessment.NoteMaxLength)
            {
                return AssessmentResult.Fail(l["Assess_Validation_Comment", Assessment.NoteMaxLength]);
            }

            var version = await db.TemplateVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.TemplateVersionId, cancellationToken);
            var answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == id).ToListAsync(cancellationToken);
            var values = answers.ToDictionary(a => a.QuestionKey, a => a.Parsed, StringComparer.Ordinal);
            var items = AssessmentEvidence.Items(await evidence.DescribeVersionsAsync(values.Values.SelectMany(v => v.Evidence), cancellationToken));
            var score = QuestionnaireScorer.Score(version, AssessmentProgress.DomainAnswers(version, values, items), Today, QuestionnaireScorer.EvidenceDate(Today, assessment.DueOn));
            assessment.Complete(score.Score, score.CriticalCapApplied, decision, note, next, Now);
            return AssessmentResult.Ok(id);
        }, cancellationToken);

    public Task<AssessmentResult> CancelAsync(Guid id, CancellationToken cancellationToken = default) =>
        WithAssessmentAsync(id, Policies.AssessmentLaunch, (_, assessment) =>
        {
            if (assessment.Status is AssessmentStatus.Completed or AssessmentStatus.Cancelled)
            {
                return Task.FromResult(AssessmentResult.Fail(l["Assess_Error_Closed"]));
            }

            assessment.Cancel(Now);
            return Task.FromResult(AssessmentResult.Ok(id));
        }, cancellationToken);

    // ----- Findings -----

    public Task<AssessmentResult> CreateFindingAsync(Guid id, FindingForm form, CancellationToken cancellationToken = default) =>
        WithAssessmentAsync(id, Policies.AssessmentReview, async (db, assessment) =>
        {
            ArgumentNullException.ThrowIfNull(form);
            if (string.IsNullOrWhiteSpace(form.Title) || form.Title.Trim().Length > Finding.TitleMaxLength)
            {
                return AssessmentResult.Fail(l["Finding_Validation_Title", Finding.TitleMaxLength]);
            }

            if (form.DueOn is not { } due || DateOnly.FromDateTime(due) <= Today)
            {
                return AssessmentResult.Fail(l["Finding_Validation_DueDate"]);
            }

            var ownerUserId = string.IsNullOrWhiteSpace(form.OwnerUserId) ? null : form.OwnerUserId.Trim();
            if (ownerUserId is not null && !await IsMemberAsync(db, ownerUserId, cancellationToken))
            {
                return AssessmentResult.Fail(l["FindingOwner_NotMember"]);
            }

            var version = await db.TemplateVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.TemplateVersionId, cancellationToken);
            if (form.QuestionKeys.Count == 0 || form.QuestionKeys.Any(k => version.FindQuestion(k) is null))
            {
                return AssessmentResult.Fail(l["Finding_Validation_Questions"]);
            }

            var controls = (form.ControlIds ?? string.Empty).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (controls.Count == 0)
            {
                // The controls the linked questions map to, when none are typed.
                controls = form.QuestionKeys.SelectMany(k => version.FindQuestion(k)!.ControlMappings).Select(m => $"{m.Framework}:{m.ControlId}").Distinct(StringComparer.Ordinal).ToList();
            }

            try
            {
                var finding = new Finding(assessment, form.Title, form.Severity, form.QuestionKeys, controls, ownerUserId, DateOnly.FromDateTime(due), Now);
                db.Findings.Add(finding);
                foreach (var answer in await db.AssessmentAnswers.Where(a => a.AssessmentId == id && form.QuestionKeys.Contains(a.QuestionKey)).ToListAsync(cancellationToken))
                {
                    answer.SetReview(AnswerReview.Finding, answer.ReviewNote);
                }

                return AssessmentResult.Ok(finding.Id);
            }
            catch (ArgumentException)
            {
                return AssessmentResult.Fail(l["Finding_Validation_Lists", Finding.ListMaxLength]);
            }
        }, cancellationToken);

    public enum FindingAction
    {
        AcceptPlan,
        RejectPlan,
        VerifyClosed,
        Reopen,
        ConfirmDraft,
        DiscardDraft,
    }

    public Task<AssessmentResult> ChangeFindingAsync(Guid findingId, FindingAction action, Guid concurrencyToken, CancellationToken cancellationToken = default) =>
        WithFindingAsync(findingId, concurrencyToken, finding =>
        {
            switch (action)
            {
                case FindingAction.AcceptPlan: finding.AcceptPlan(); break;
                case FindingAction.RejectPlan: finding.RejectPlan(); break;
                case FindingAction.VerifyClosed: finding.VerifyClosed(Now); break;
                case FindingAction.ConfirmDraft: finding.Confirm(); break;
                case FindingAction.DiscardDraft: finding.Discard(UserName, Now); break;
                default: finding.Reopen(); break;
            }
        }, cancellationToken);

    /// <summary>The people a finding can be handed to: the members of the signed-in user's hospital (none without the review right).</summary>
    public async Task<IReadOnlyList<PersonOption>> FindingOwnerOptionsAsync(CancellationToken cancellationToken = default) =>
        !User.Allows(Policies.AssessmentReview) ? []
        : (await people.OfAsync(User.GetOrganisationId() ?? Guid.Empty, cancellationToken)).Select(p => new PersonOption(p.UserId, p.DisplayName, p.Email)).ToList();

    /// <summary>
    /// Hands a finding to a member of the hospital, or to nobody (<paramref name="ownerUserId"/> null
    /// or empty: the assessment's owner follows it up). A reviewer's action (CISO); the owner must be a
    /// member of the reviewer's own hospital — the membership is read through the tenant filter, so a
    /// user of another organisation is refused like an unknown id.
    /// </summary>
    public async Task<AssessmentResult> AssignFindingOwnerAsync(Guid findingId, string? ownerUserId, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        var owner = string.IsNullOrWhiteSpace(ownerUserId) ? null : ownerUserId.Trim();
        if (owner is not null && User.Allows(Policies.AssessmentReview))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await IsMemberAsync(db, owner, cancellationToken))
            {
                return AssessmentResult.Fail(l["FindingOwner_NotMember"]);
            }
        }

        return await WithFindingAsync(findingId, concurrencyToken, finding => finding.AssignOwner(owner), cancellationToken);
    }

    /// <summary>
    /// A CISO accepts a finding's risk until <paramref name="until"/> with a reason; the approver
    /// is the signed-in CISO. A sensitive action: it needs a fresh step-up proof of this session
    /// (ADR 0008), which the page asks for with <c>StepUpService.EnsureAsync</c>.
    /// </summary>
    public async Task<AssessmentResult> AcceptRiskAsync(Guid findingId, string? reason, DateTime? until, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Finding.TextMaxLength)
        {
            return AssessmentResult.Fail(l["Finding_Validation_Reason", Finding.TextMaxLength]);
        }

        if (until is not { } end || DateOnly.FromDateTime(end) <= Today)
        {
            return AssessmentResult.Fail(l["Finding_Validation_Until"]);
        }

        if (!await stepUp.IsFreshAsync(User, cancellationToken))
        {
            return AssessmentResult.Fail(l["StepUp_Required"]);
        }

        return await WithFindingAsync(findingId, concurrencyToken, finding => finding.AcceptRisk(reason, UserName, DateOnly.FromDateTime(end), Now), cancellationToken);
    }

    /// <summary>
    /// The findings register of the hospital, overdue and most severe first. Without a status
    /// filter it lists the findings still to follow (open, plan proposed, in remediation, risk
    /// accepted) and the drafts waiting for a reviewer; closed findings on request; discarded
    /// drafts never. Overdue: past the due date and not closed, accepted or draft (the same rule
    /// as the reminders).
    /// </summary>
    public async Task<FindingListPage> FindingsAsync(FindingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!User.Allows(Policies.AssessmentRead))
        {
            return new FindingListPage([], 0);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var rows =
            from f in db.Findings.AsNoTracking()
            join a in db.Assessments on f.AssessmentId equals a.Id
            join v in db.Vendors on a.VendorId equals v.Id
            where f.DiscardedAtUtc == null
            select new { f, a.Title, Vendor = v.LegalName, a.TemplateVersionId, AssessmentOwner = a.OwnerUserId };
        rows = query.Status switch
        {
            { } status => rows.Where(r => r.f.Status == status && !r.f.IsDraft),
            null when query.DraftsOnly => rows.Where(r => r.f.IsDraft),
            _ => rows.Where(r => r.f.Status != FindingStatus.VerifiedClosed),
        };
        if (query.Severity is { } severity)
        {
            rows = rows.Where(r => r.f.Severity == severity);
        }

        if (query.MineOnly)
        {
            // The same rule as the reminders: the owner, else (nobody chosen, or no longer a member) the assessment's owner.
            var me = UserId;
            rows = rows.Where(r => r.f.OwnerUserId == me
                || (r.AssessmentOwner == me && (r.f.OwnerUserId == null || !db.Memberships.Any(m => m.UserId == r.f.OwnerUserId))));
        }

        if (query.OverdueOnly)
        {
            rows = rows.Where(r => !r.f.IsDraft && r.f.DueOn < today
                && (r.f.Status == FindingStatus.Open || r.f.Status == FindingStatus.PlanProposed || r.f.Status == FindingStatus.InRemediation));
        }

        var total = await rows.CountAsync(cancellationToken);

        // Severity and status are stored as text: order in memory, on at most MaxRows rows.
        var items = await rows.OrderBy(r => r.f.DueOn).ThenBy(r => r.f.Id).Take(FindingQuery.MaxRows).ToListAsync(cancellationToken);
        var members = await MemberNamesAsync(User.GetOrganisationId() ?? Guid.Empty, cancellationToken);
        var versionsById = new Dictionary<Guid, TemplateVersion>();
        foreach (var versionId in items.Select(r => r.TemplateVersionId).Distinct())
        {
            versionsById[versionId] = await versions.GetAsync(db, versionId, cancellationToken);
        }

        return new FindingListPage(
            items.Select(r => new FindingRow(FindingView.Of(r.f, today, members, versionsById[r.TemplateVersionId]), r.f.AssessmentId, r.Title, r.Vendor))
                .OrderByDescending(r => r.Finding.IsOverdue).ThenByDescending(r => r.Finding.IsDraft).ThenByDescending(r => r.Finding.Severity).ThenBy(r => r.Finding.DueOn)
                .ToList(),
            total);
    }

    // ----- Notifications -----

    public async Task<IReadOnlyList<NotificationView>> UnreadNotificationsAsync(CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentRead))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = UserId;
        var items = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAtUtc == null).ToListAsync(cancellationToken);
        return items.OrderByDescending(n => n.CreatedAtUtc).Take(20).Select(n => new NotificationView(n.Id, n.MessageKey, n.Argument, n.Link, n.CreatedAtUtc)).ToList();
    }

    public async Task MarkReadAsync(Guid notificationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = UserId;
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, cancellationToken);
        if (notification is not null)
        {
            notification.MarkRead(Now);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    // ----- Helpers -----

    private async Task<Dictionary<string, string>> MemberNamesAsync(Guid organisationId, CancellationToken cancellationToken) =>
        (await people.OfAsync(organisationId, cancellationToken)).ToDictionary(p => p.UserId, p => p.DisplayName is { Length: > 0 } name ? name : p.Email, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="userId"/> is a member of the hospital <paramref name="db"/> acts for (tenant filter).</summary>
    private static Task<bool> IsMemberAsync(VendorRiskDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Memberships.AnyAsync(m => m.UserId == userId, cancellationToken);

    private async Task<AssessmentResult> WithAssessmentAsync(Guid id, string policy, Func<VendorRiskDbContext, Assessment, Task<AssessmentResult>> action, CancellationToken cancellationToken)
    {
        if (!User.Allows(policy))
        {
            return AssessmentResult.Fail(l["AccessDenied_Text"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        try
        {
            var result = await action(db, assessment);
            if (result.Succeeded)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
        catch (AssessmentStateException)
        {
            return AssessmentResult.Fail(l["Assess_Error_State"]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AssessmentResult.Fail(l["Assess_Error_Changed"]);
        }
    }

    private async Task<AssessmentResult> WithFindingAsync(Guid findingId, Guid concurrencyToken, Action<Finding> change, CancellationToken cancellationToken)
    {
        if (!User.Allows(Policies.AssessmentReview))
        {
            return AssessmentResult.Fail(l["AccessDenied_Text"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId && f.DiscardedAtUtc == null, cancellationToken);
        if (finding is null)
        {
            return AssessmentResult.Fail(l["Assess_NotFound"]);
        }

        if (finding.ConcurrencyToken != concurrencyToken)
        {
            return AssessmentResult.Fail(l["Assess_Error_Changed"]);
        }

        try
        {
            change(finding);
            await db.SaveChangesAsync(cancellationToken);
            return AssessmentResult.Ok(finding.Id);
        }
        catch (AssessmentStateException)
        {
            return AssessmentResult.Fail(l["Assess_Error_State"]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AssessmentResult.Fail(l["Assess_Error_Changed"]);
        }
    }

    private static async Task<Guid?> LinkedOrganisationAsync(VendorRiskDbContext db, Guid engagementId, CancellationToken cancellationToken) =>
        await (from e in db.Engagements
               join v in db.Vendors on e.VendorId equals v.Id
               where e.Id == engagementId
               select v.LinkedOrganisationId).SingleOrDefaultAsync(cancellationToken);

    private static async Task<List<TemplateVersionOption>> PublishedVersionsAsync(VendorRiskDbContext db, CancellationToken cancellationToken)
    {
        var isFrench = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        var rows = await (
                from v in db.TemplateVersions
                join t in db.QuestionnaireTemplates on v.TemplateId equals t.Id
                where v.Status == TemplateVersionStatus.Published
                select new { v.Id, t.Name, v.Number, t.BuiltInSourceKey, TemplateId = t.Id })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        // The newest published version of each template.
        return rows.GroupBy(r => r.Name).Select(g => g.MaxBy(r => r.Number)!)
            .Select(r => new TemplateVersionOption(r.Id, isFrench ? r.Name.Fr : r.Name.En, r.Number, r.BuiltInSourceKey, r.TemplateId))
            .OrderBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    internal static List<string> ParseContacts(string? text, out string? invalid)
    {
        invalid = null;
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        if (text.Length > LaunchForm.NewContactsMaxLength)
        {
            invalid = text[..40];
            return result;
        }

        foreach (var part in text.Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = part.ToLowerInvariant();
            if (address.Length > AssessmentRespondent.EmailMaxLength || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(address))
            {
                invalid = part;
                return [];
            }

            if (!result.Contains(address))
            {
                result.Add(address);
            }
        }

        return result;
    }
}
