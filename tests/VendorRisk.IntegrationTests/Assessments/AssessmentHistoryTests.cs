using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Portal;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>The history tab: everything that changed the assessment with who and when, for the hospital; the vendor's share of it; nothing across tenants.</summary>
[Collection(SharedApps.Name)]
public sealed class AssessmentHistoryTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_hospital_sees_every_change_and_the_vendor_only_its_share(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        var ciso = world.Hospital.Ciso;

        // Two autosaves of one answer make one entry.
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("Draft"), 0))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("Draft, better"), 1))).Outcome);
        await CriticalFindingDraftTests.SubmitNoAsync(world, id);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.AddCommentAsync(id, "mfa", "Ask the DPO about this vendor", isInternal: true))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.AddCommentAsync(id, "mfa", "Which accounts lack MFA?", isInternal: false))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.ReviewAnswerAsync(id, "notes", AnswerReview.Accepted, null))).Succeeded);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.ReviewAnswerAsync(id, "mfa", AnswerReview.NeedsClarification, "Which accounts?"))).Succeeded);
        var draft = (await world.AsHospitalAsync(ciso, s => s.GetAsync(id)))!.Findings.Single();
        Assert.True((await world.AsHospitalAsync(ciso, s => s.ChangeFindingAsync(draft.Id, AssessmentService.FindingAction.ConfirmDraft, draft.ConcurrencyToken))).Succeeded);

        var hospital = (await HistoryAsync(world, world.Hospital.Auditor, h => h.ForHospitalAsync(id)))!;
        var texts = hospital.Select(e => e.Text).ToList();
        Assert.Equal(hospital.OrderByDescending(e => e.AtUtc).Select(e => e.Text), texts);
        Assert.Contains("Assessment created", texts);
        Assert.Contains("Status: Sent", texts);
        Assert.Contains("Status: Submitted", texts);
        Assert.Single(texts, t => t == "Answer changed: Notes");
        Assert.Contains("Answer changed: MFA on support accounts?", texts);
        Assert.Contains("Review of \"Notes\": Accepted", texts);
        Assert.Contains(hospital, e => e.Text == "Internal comment on \"MFA on support accounts?\"" && e.IsInternal && e.Actor == CriticalFindingDraftTests.NameOf(ciso));
        Assert.Contains("Comment on \"MFA on support accounts?\"", texts);
        Assert.Contains("Draft finding raised from a critical answer: MFA ?", texts);
        Assert.Contains("Draft finding confirmed: MFA ?", texts);
        Assert.Contains(hospital, e => e.Kind == HistoryKind.Answer && e.Actor == "Farid Haddad");

        var vendor = (await HistoryAsync(world, world.VendorColleague, h => h.ForVendorAsync(id)))!;
        var seen = vendor.Select(e => e.Text).ToList();
        Assert.Contains("Status: Submitted", seen);
        Assert.Contains("Answer changed: Notes", seen);
        Assert.Contains("Comment on \"MFA on support accounts?\"", seen);
        Assert.Contains("Review of \"MFA on support accounts?\": Needs clarification", seen);
        Assert.Contains("Finding raised: MFA ?", seen);
        Assert.DoesNotContain(vendor, e => e.IsInternal);
        Assert.DoesNotContain(seen, t => t.StartsWith("Internal", StringComparison.Ordinal) || t.StartsWith("Draft", StringComparison.Ordinal) || t.Contains("Accepted", StringComparison.Ordinal));
        Assert.DoesNotContain(vendor, e => e.Actor == CriticalFindingDraftTests.NameOf(ciso));
        Assert.Contains(vendor, e => e.Actor == world.Hospital.Organisation.Name);
        Assert.Contains(vendor, e => e.Actor == "Farid Haddad");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_history_is_refused_to_the_wrong_side_and_to_other_tenants(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        Assert.True((await world.AsHospitalAsync(world.Hospital.Ciso, s => s.AddCommentAsync(id, "mfa", "Internal only", isInternal: true))).Succeeded);

        // Every hospital role reads it.
        foreach (var user in new[] { world.Hospital.Procurement, world.Hospital.Ciso, world.Hospital.Auditor, world.Hospital.Dpo })
        {
            Assert.NotEmpty((await HistoryAsync(world, user, h => h.ForHospitalAsync(id)))!);
            Assert.Null(await HistoryAsync(world, user, h => h.ForVendorAsync(id)));
        }

        // The vendor's users read their share through the portal only.
        Assert.Null(await HistoryAsync(world, world.VendorAdmin, h => h.ForHospitalAsync(id)));
        Assert.NotNull(await HistoryAsync(world, world.VendorAdmin, h => h.ForVendorAsync(id)));

        // Another hospital and another vendor organisation get nothing.
        var other = await Hospital.CreateAsync(world.App);
        Assert.Null(await HistoryAsync(world, other.Ciso, h => h.ForHospitalAsync(id)));
        var otherVendor = await world.App.CreateUserAsync(await world.App.CreateOrganisationAsync(OrganisationKind.Vendor), OrganisationRole.VendorAdmin);
        Assert.Null(await HistoryAsync(world, otherVendor, h => h.ForVendorAsync(id)));

        // Another hospital's own assessment history holds nothing of this one.
        var second = await AssessmentWorld.CreateAsync(world.App);
        var secondId = await second.LaunchAsync();
        var theirs = (await HistoryAsync(second, second.Hospital.Ciso, h => h.ForHospitalAsync(secondId)))!;
        Assert.Equal(["Status: Sent", "Assessment created"], theirs.Select(e => e.Text));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Pages_newest_first_join_up_exactly_and_the_vendor_keeps_its_share_on_every_page(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        var ciso = world.Hospital.Ciso;
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("Draft"), 0))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("Draft, better"), 1))).Outcome);
        Assert.True((await world.AsHospitalAsync(ciso, s => s.AddCommentAsync(id, "mfa", "Which accounts lack MFA?", isInternal: false))).Succeeded);

        // More internal comments than one read batch: the vendor's first page must read past all of them.
        for (var i = 0; i < 55; i++)
        {
            Assert.True((await world.AsHospitalAsync(ciso, s => s.AddCommentAsync(id, "mfa", $"Internal note {i}", isInternal: true))).Succeeded);
        }

        var all = await PagesAsync(world, world.Hospital.Auditor, (h, from) => h.ForHospitalAsync(id, from, AssessmentHistoryService.MaxPageSize));
        var everything = Assert.Single(all);
        Assert.Equal(55 + 5, everything.Count); // created, sent, in progress, one answer (two autosaves), comment, 55 internal comments
        Assert.Equal(everything.OrderByDescending(e => e.AtUtc).Select(e => e.Text), everything.Select(e => e.Text));
        Assert.Equal("Assessment created", everything[^1].Text);
        Assert.Single(everything, e => e.Text == "Answer changed: Notes");

        // Any page size gives the same entries: boundaries inside, at and beyond the end.
        foreach (var size in new[] { 1, 2, 7, everything.Count - 1, everything.Count, everything.Count + 1 })
        {
            var pages = await PagesAsync(world, world.Hospital.Auditor, (h, from) => h.ForHospitalAsync(id, from, size));
            Assert.Equal(everything, pages.SelectMany(p => p));
            // Full pages until the last (an audit event's entries stay together, so a page may hold one or two more).
            Assert.All(pages[..^1], p => Assert.InRange(p.Count, size, size + 2));
            Assert.InRange(pages[^1].Count, 1, size + 2);
        }

        // The vendor: its share only, the same whatever the page size; the 55 internal comments never show.
        var vendorAll = (await PagesAsync(world, world.VendorColleague, (h, from) => h.ForVendorAsync(id, from, AssessmentHistoryService.MaxPageSize))).SelectMany(p => p).ToList();
        Assert.Equal(["Answer changed: Notes", "Comment on \"MFA on support accounts?\"", "Status: In progress", "Status: Sent"], vendorAll.Select(e => e.Text).Order(StringComparer.Ordinal));
        Assert.Equal("Comment on \"MFA on support accounts?\"", vendorAll[0].Text);
        foreach (var size in new[] { 1, 2, 3 })
        {
            var pages = await PagesAsync(world, world.VendorColleague, (h, from) => h.ForVendorAsync(id, from, size));
            Assert.Equal(vendorAll, pages.SelectMany(p => p));
            Assert.DoesNotContain(pages.SelectMany(p => p), e => e.IsInternal || e.Text.StartsWith("Internal", StringComparison.Ordinal));
        }
    }

    /// <summary>Every page in turn, following the cursor; fails if a page says more but returns nothing.</summary>
    private static async Task<List<List<HistoryEntry>>> PagesAsync(AssessmentWorld world, TestUser user, Func<AssessmentHistoryService, HistoryCursor?, Task<HistoryPage?>> read)
    {
        var pages = new List<List<HistoryEntry>>();
        HistoryCursor? from = null;
        do
        {
            var page = await world.AsAsync(user, sp => read(sp.GetRequiredService<AssessmentHistoryService>(), from));
            Assert.NotNull(page);
            if (page.Entries.Count > 0 || pages.Count == 0)
            {
                pages.Add([.. page.Entries]);
            }

            from = page.Next;
            Assert.True(pages.Count < 500, "The history does not end.");
        }
        while (from is not null);

        return pages;
    }

    private static async Task<IReadOnlyList<HistoryEntry>?> HistoryAsync(AssessmentWorld world, TestUser user, Func<AssessmentHistoryService, Task<HistoryPage?>> read) =>
        (await world.AsAsync(user, sp => read(sp.GetRequiredService<AssessmentHistoryService>())))?.Entries;
}
