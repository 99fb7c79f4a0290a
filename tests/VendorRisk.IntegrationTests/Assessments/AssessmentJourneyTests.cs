using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Portal;

namespace VendorRisk.IntegrationTests.Assessments;

[Collection(SharedApps.Name)]
public sealed class AssessmentJourneyTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Launch_answer_submit_review_and_complete(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();

        // The vendor sees it on its to-do list, from the hospital that sent it.
        var todo = await world.AsVendorAsync(world.VendorAdmin, p => p.ListAsync());
        var row = Assert.Single(todo, r => r.Id == id);
        Assert.Equal(world.Hospital.Organisation.Name, row.HospitalName);
        Assert.Equal(AssessmentStatus.Sent, row.Status);

        // Only the questions whose conditions hold are shown.
        var view = (await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!;
        Assert.DoesNotContain("mfa_how", view.Progress.VisibleQuestionKeys);
        var saved = await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa", AnswerValue.OfOptions(Question.Yes), 0));
        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        Assert.Equal(AssessmentStatus.InProgress, saved.Status);
        view = (await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!;
        Assert.Contains("mfa_how", view.Progress.VisibleQuestionKeys);

        // An answer that does not fit is refused, and nothing is stored.
        var invalid = await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa", AnswerValue.OfOptions("maybe"), 1));
        Assert.Equal(SaveOutcome.Failed, invalid.Outcome);

        // Submit is blocked while a visible required answer is missing, and names it.
        var blocked = await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id));
        Assert.False(blocked.Succeeded);
        var missing = Assert.Single(blocked.Missing);
        Assert.Equal("mfa_how", missing.QuestionKey);
        Assert.Equal("access", missing.SectionKey);

        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorColleague, p => p.SaveAnswerAsync(id, "mfa_how", AnswerValue.OfText("Authenticator app"), 0))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorColleague, p => p.SaveAnswerAsync(id, "iso", AnswerValue.OfText("Certificate on our trust portal"), 0))).Outcome);
        Assert.True((await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id))).Succeeded);

        // Read-only after submission.
        var late = await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("late"), 0));
        Assert.Equal(SaveOutcome.Failed, late.Outcome);
        Assert.True((await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!.IsReadOnly);

        // Only the CISO reviews.
        Assert.False((await world.AsHospitalAsync(world.Hospital.Procurement, s => s.ReviewAnswerAsync(id, "mfa", AnswerReview.Accepted, null))).Succeeded);
        var ciso = world.Hospital.Ciso;
        Assert.False((await world.AsHospitalAsync(ciso, s => s.ReviewAnswerAsync(id, "mfa_how", AnswerReview.NeedsClarification, null))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.ReviewAnswerAsync(id, "mfa_how", AnswerReview.NeedsClarification, "Which app, for which accounts?"))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.AddCommentAsync(id, "mfa_how", "Check with the DPO first", isInternal: true))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.AddCommentAsync(id, "mfa_how", "Please be specific", isInternal: false))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.RequestChangesAsync(id))).Succeeded);

        // The vendor reads the clarification request and the shared comment, never the internal one.
        view = (await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!;
        Assert.Equal(AssessmentStatus.ChangesRequested, view.Status);
        Assert.False(view.IsReadOnly);
        Assert.Equal("Which app, for which accounts?", view.Answers["mfa_how"].ReviewNote);
        Assert.Single(view.Comments);
        Assert.DoesNotContain(view.Comments, c => c.Text.Contains("DPO", StringComparison.Ordinal));
        Assert.True((await world.AsVendorAsync(world.VendorAdmin, p => p.AddCommentAsync(id, "mfa_how", "Done, see the answer"))).Succeeded);
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa_how", AnswerValue.OfText("Authenticator app on every support account"), view.Answers["mfa_how"].Version))).Outcome);
        Assert.True((await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id))).Succeeded);

        // Review: accept, raise a finding and take it through its lifecycle.
        Assert.True((await world.AsHospitalAsync(ciso, s => s.ReviewAnswerAsync(id, "mfa", AnswerReview.Accepted, null))).Succeeded);
        var findingId = (await world.AsHospitalAsync(ciso, s => s.CreateFindingAsync(id, new FindingForm { Title = "Shared support account", Severity = FindingSeverity.High, QuestionKeys = ["mfa_how"], ControlIds = "ISO27001:A.5.15", DueOn = DateTime.UtcNow.Date.AddDays(60) }))).Id!.Value;
        Assert.True((await world.AsVendorAsync(world.VendorAdmin, p => p.ProposePlanAsync(id, findingId, "Named accounts by March"))).Succeeded);
        var details = (await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!;
        var finding = Assert.Single(details.Findings);
        Assert.Equal(FindingStatus.PlanProposed, finding.Status);
        Assert.Equal(AnswerReview.Finding, details.Answers["mfa_how"].Review);
        Assert.Equal(2, details.Comments.Count(c => c.QuestionKey == "mfa_how" && c.Side == CommentSide.Hospital));
        Assert.True((await world.AsHospitalAsync(ciso, s => s.ChangeFindingAsync(findingId, AssessmentService.FindingAction.AcceptPlan, finding.ConcurrencyToken))).Succeeded);
        Assert.False((await world.AsHospitalAsync(ciso, s => s.ChangeFindingAsync(findingId, AssessmentService.FindingAction.VerifyClosed, finding.ConcurrencyToken))).Succeeded);
        finding = Assert.Single((await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings);
        Assert.False((await world.AsHospitalAsync(ciso, s => s.AcceptRiskAsync(findingId, "", DateTime.UtcNow.Date.AddDays(90), finding.ConcurrencyToken))).Succeeded);
        // Accepting a risk needs a fresh step-up of the CISO's session: refused without, done with.
        Assert.False((await world.AsHospitalAsync(ciso, s => s.AcceptRiskAsync(findingId, "Compensating VPN controls", DateTime.UtcNow.Date.AddDays(90), finding.ConcurrencyToken))).Succeeded);
        Assert.NotEqual(FindingStatus.RiskAccepted, Assert.Single((await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings).Status);
        await using (var steppedUp = await world.App.SteppedUpScopeForAsync(ciso))
        {
            Assert.True((await steppedUp.ServiceProvider.GetRequiredService<AssessmentService>().AcceptRiskAsync(findingId, "Compensating VPN controls", DateTime.UtcNow.Date.AddDays(90), finding.ConcurrencyToken, TestContext.Current.CancellationToken)).Succeeded);
        }

        finding = Assert.Single((await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings);
        Assert.Equal(FindingStatus.RiskAccepted, finding.Status);
        Assert.NotNull(finding.RiskAcceptedBy);

        // Complete: the score is the domain scorer's, stored on the assessment.
        details = (await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!;
        Assert.True((await world.AsHospitalAsync(ciso, s => s.CompleteAsync(id, AssessmentDecision.ApprovedWithConditions, "Named accounts", null, details.ConcurrencyToken))).Succeeded);
        details = (await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!;
        Assert.Equal(AssessmentStatus.Completed, details.Status);
        Assert.Equal(100m, details.StoredScore);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(12), details.NextReassessmentOn);
        var listed = await world.AsHospitalAsync(world.Hospital.Auditor, s => s.ListAsync(new AssessmentQuery(Status: AssessmentStatus.Completed)));
        Assert.Contains(listed.Rows, r => r.Id == id && r.Score == 100m);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_concurrent_change_to_the_same_answer_is_shown_not_overwritten(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();

        var first = await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("Farid's answer"), 0));
        Assert.Equal(SaveOutcome.Saved, first.Outcome);

        // The colleague had the page open before Farid's save: their save names version 0.
        var second = await world.AsVendorAsync(world.VendorColleague, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("Inès's answer"), 0));
        Assert.Equal(SaveOutcome.Conflict, second.Outcome);
        Assert.Equal("Farid's answer", second.Current!.Value.Text);
        Assert.Equal("Farid Haddad", second.Current.UpdatedBy);

        // Nothing was overwritten; choosing to replace names the version now seen.
        var view = (await world.AsVendorAsync(world.VendorColleague, p => p.GetAsync(id)))!;
        Assert.Equal("Farid's answer", view.Answers["notes"].Value.Text);
        var replaced = await world.AsVendorAsync(world.VendorColleague, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("Inès's answer"), second.Version));
        Assert.Equal(SaveOutcome.Saved, replaced.Outcome);
        Assert.Equal(2, replaced.Version);

        // Two saves racing on the same version: exactly one wins.
        var racing = await Task.WhenAll(
            world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("A"), 2)),
            world.AsVendorAsync(world.VendorColleague, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("B"), 2)));
        Assert.Single(racing, r => r.Outcome == SaveOutcome.Saved);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_autosave_audits_the_answer_not_the_recomputed_completion(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        var first = await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("First answer"), 0));
        Assert.Equal(SaveOutcome.Saved, first.Outcome);

        await using var db = world.App.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var tenant = world.Hospital.Organisation.Id;
        var before = await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName]).Where(e => e.TenantId == tenant).MaxAsync(e => e.Sequence, TestContext.Current.CancellationToken);

        // A second answer (completion moves, a condition makes "mfa_how" visible): one audit entry, the answer's.
        var second = await world.AsVendorAsync(world.VendorColleague, p => p.SaveAnswerAsync(id, "mfa", AnswerValue.OfOptions(Question.Yes), 0));
        Assert.Equal(SaveOutcome.Saved, second.Outcome);
        Assert.NotEqual(first.CompletionPercent, second.CompletionPercent);
        var audited = await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName]).Where(e => e.TenantId == tenant && e.Sequence > before).ToListAsync(TestContext.Current.CancellationToken);
        var entry = Assert.Single(audited);
        Assert.Equal("AssessmentAnswer.Created", entry.Action);
        Assert.Contains(entry.ChangedFields, c => c.Field == "Value" && c.NewValue!.Contains(Question.Yes, StringComparison.Ordinal));

        // The completion is still stored and is what the page computes from all answers and conditions.
        var view = (await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!;
        Assert.Equal(view.Progress.CompletionPercent, second.CompletionPercent);
        Assert.Equal(second.CompletionPercent, (await db.Assessments.IgnoreQueryFilters([TenantModelConventions.FilterName]).SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken)).CompletionPercent);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Delegating_a_section_names_the_colleague(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        Assert.True((await world.AsVendorAsync(world.VendorAdmin, p => p.DelegateSectionAsync(id, "proof", world.VendorColleague.Id))).Succeeded);
        var view = (await world.AsVendorAsync(world.VendorColleague, p => p.GetAsync(id)))!;
        Assert.Equal("Inès Colin", view.Delegations["proof"]);

        // A person of another organisation cannot be chosen.
        var stranger = await world.App.CreateUserAsync(await world.App.CreateOrganisationAsync(OrganisationKind.Vendor), OrganisationRole.VendorAdmin);
        Assert.False((await world.AsVendorAsync(world.VendorAdmin, p => p.DelegateSectionAsync(id, "access", stranger.Id))).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Launch_refuses_past_dates_unlinked_vendors_and_foreign_respondents(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var stranger = await world.App.CreateUserAsync(await world.App.CreateOrganisationAsync(OrganisationKind.Vendor), OrganisationRole.VendorAdmin);
        var form = new LaunchForm { EngagementIds = [world.EngagementId], TemplateVersionId = world.VersionId, DueOn = DateTime.UtcNow.Date, RespondentUserIds = [world.VendorAdmin.Id], OwnerUserId = world.Hospital.Procurement.Id };
        Assert.False((await world.AsHospitalAsync(world.Hospital.Procurement, s => s.LaunchAsync(form, "http://localhost/"))).Succeeded);
        form.DueOn = DateTime.UtcNow.Date.AddDays(10);
        form.RespondentUserIds = [stranger.Id];
        Assert.False((await world.AsHospitalAsync(world.Hospital.Procurement, s => s.LaunchAsync(form, "http://localhost/"))).Succeeded);
        form.RespondentUserIds = [world.VendorAdmin.Id];
        Assert.False((await world.AsHospitalAsync(world.Hospital.Ciso, s => s.LaunchAsync(form, "http://localhost/"))).Succeeded);
        form.NewContacts = "not-an-address";
        Assert.False((await world.AsHospitalAsync(world.Hospital.Procurement, s => s.LaunchAsync(form, "http://localhost/"))).Succeeded);

        // A vendor not linked to an organisation cannot be assessed (there is nobody to answer).
        var unlinked = await Register.CreateAsync(world.App, world.Hospital);
        form.NewContacts = null;
        form.EngagementIds = [unlinked.EngagementId];
        Assert.False((await world.AsHospitalAsync(world.Hospital.Procurement, s => s.LaunchAsync(form, "http://localhost/"))).Succeeded);

        await using var db = new PlatformDbContextFactory(world.App.Services.GetRequiredService<DbContextOptions<VendorRiskDbContext>>()).CreateForTenant(world.Hospital.Organisation.Id);
        Assert.Equal(0, await db.Assessments.CountAsync(a => a.EngagementId == world.EngagementId || a.EngagementId == unlinked.EngagementId, TestContext.Current.CancellationToken));
    }
}
