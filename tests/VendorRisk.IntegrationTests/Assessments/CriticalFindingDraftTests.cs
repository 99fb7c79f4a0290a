using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Portal;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>Critical answers raise draft findings on submission: once, confirmed or discarded by the CISO, never seen by the vendor as drafts.</summary>
[Collection(SharedApps.Name)]
public sealed class CriticalFindingDraftTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_critical_no_raises_one_draft_that_survives_resubmission_and_is_confirmed_by_the_ciso(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        await SubmitNoAsync(world, id);

        var ciso = world.Hospital.Ciso;
        var details = (await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!;
        var draft = Assert.Single(details.Findings);
        Assert.True(draft.IsDraft);
        Assert.Equal("MFA ?", draft.Title);
        Assert.Equal(["mfa"], draft.QuestionKeys);
        Assert.Equal(CriticalFindingRule.SeverityFor(0, details.Tier), draft.Severity);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(CriticalFindingRule.RemediationDays(draft.Severity)), draft.DueOn);
        Assert.Equal(NameOf(world.Hospital.Procurement), draft.OwnerName);

        // The vendor does not see a draft.
        Assert.Empty((await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!.Findings);

        // Back to the vendor and submitted again with the same answer: still one draft.
        await ClarifyAndResubmitAsync(world, id);
        Assert.Single((await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings);

        // Only the CISO confirms; the vendor then sees an open finding.
        Assert.False((await world.AsHospitalAsync(world.Hospital.Procurement, s => s.ChangeFindingAsync(draft.Id, AssessmentService.FindingAction.ConfirmDraft, draft.ConcurrencyToken))).Succeeded);
        Assert.False((await world.AsHospitalAsync(ciso, s => s.ChangeFindingAsync(draft.Id, AssessmentService.FindingAction.AcceptPlan, draft.ConcurrencyToken))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.ChangeFindingAsync(draft.Id, AssessmentService.FindingAction.ConfirmDraft, draft.ConcurrencyToken))).Succeeded);
        var seen = Assert.Single((await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!.Findings);
        Assert.Equal(FindingStatus.Open, seen.Status);
        Assert.False(seen.IsDraft);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_discarded_draft_is_hidden_and_never_raised_again(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        await SubmitNoAsync(world, id);
        var ciso = world.Hospital.Ciso;
        var draft = Assert.Single((await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings);

        Assert.True((await world.AsHospitalAsync(ciso, s => s.ChangeFindingAsync(draft.Id, AssessmentService.FindingAction.DiscardDraft, draft.ConcurrencyToken))).Succeeded);
        Assert.Empty((await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings);
        Assert.False((await world.AsHospitalAsync(ciso, s => s.ChangeFindingAsync(draft.Id, AssessmentService.FindingAction.ConfirmDraft, draft.ConcurrencyToken))).Succeeded);

        await ClarifyAndResubmitAsync(world, id);
        Assert.Empty((await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings);
        await using var db = Context(world);
        var stored = Assert.Single(await db.Findings.Where(f => f.AssessmentId == id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(NameOf(ciso), stored.DiscardedBy);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_satisfactory_critical_answer_raises_nothing(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa", AnswerValue.OfOptions(Question.Yes), 0))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa_how", AnswerValue.OfText("FIDO2 keys"), 0))).Outcome);
        Assert.True((await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id))).Succeeded);
        Assert.Empty((await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!.Findings);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Concurrent_submissions_raise_the_draft_once(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa", AnswerValue.OfOptions(Question.No), 0))).Outcome);

        var results = await Task.WhenAll(
            world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id)),
            world.AsVendorAsync(world.VendorColleague, p => p.SubmitAsync(id)));

        Assert.Contains(results, r => r.Succeeded);
        await using var db = Context(world);
        Assert.Equal(1, await db.Findings.CountAsync(f => f.AssessmentId == id, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_database_refuses_a_second_draft_for_the_same_question(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        var draft = new CriticalFindingDraft("mfa", "MFA ?", FindingSeverity.High, [], DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60));

        async Task<bool> RaiseAsync()
        {
            await using var db = Context(world);
            var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
            db.Findings.Add(Finding.DraftFromCriticalAnswer(assessment, draft, DateTimeOffset.UtcNow));
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }

        var raised = await Task.WhenAll(RaiseAsync(), RaiseAsync());
        Assert.Equal(1, raised.Count(r => r));
        await using var check = Context(world);
        Assert.Equal(1, await check.Findings.CountAsync(f => f.AssessmentId == id, TestContext.Current.CancellationToken));
    }

    internal static async Task SubmitNoAsync(AssessmentWorld world, Guid id)
    {
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa", AnswerValue.OfOptions(Question.No), 0))).Outcome);
        var submitted = await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id));
        Assert.True(submitted.Succeeded, submitted.Error);
    }

    private static async Task ClarifyAndResubmitAsync(AssessmentWorld world, Guid id)
    {
        Assert.True((await world.AsHospitalAsync(world.Hospital.Ciso, s => s.ReviewAnswerAsync(id, "mfa", AnswerReview.NeedsClarification, "Really no MFA at all?"))).Succeeded);
        Assert.True((await world.AsHospitalAsync(world.Hospital.Ciso, s => s.RequestChangesAsync(id))).Succeeded);
        var resubmitted = await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id));
        Assert.True(resubmitted.Succeeded, resubmitted.Error);
    }

    /// <summary>The display name <see cref="TestData.CreateUserAsync"/> gives a user created without one.</summary>
    internal static string NameOf(TestUser user) => $"{user.Role} {user.Email[..8]}";

    internal static VendorRiskDbContext Context(AssessmentWorld world) =>
        new PlatformDbContextFactory(world.App.Services.GetRequiredService<DbContextOptions<VendorRiskDbContext>>()).CreateForTenant(world.Hospital.Organisation.Id);
}
