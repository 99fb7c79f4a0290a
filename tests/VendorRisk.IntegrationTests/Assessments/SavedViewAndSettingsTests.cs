using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Assessments;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>Saved views of the assessment list (personal, per tenant) and the hospital's assessment settings, on both databases.</summary>
[Collection(SharedApps.Name)]
public sealed class SavedViewAndSettingsTests(AppFixture apps)
{
    private static readonly AssessmentFilters Overdue = new(Status: AssessmentStatus.Sent, Tier: RiskTier.High, OverdueOnly: true);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_user_saves_reopens_renames_updates_and_deletes_a_view(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var user = world.Hospital.Procurement;

        var saved = await Views(world, user, v => v.SaveAsync("  Overdue high  ", Overdue));
        Assert.True(saved.Succeeded, saved.Error);
        var view = Assert.Single(await Views(world, user, v => v.ListAsync()));
        Assert.Equal("Overdue high", view.Name);
        Assert.Equal(Overdue, AssessmentFilters.Parse(view.Query).Filters);

        Assert.True((await Views(world, user, v => v.RenameAsync(view.Id, "Late"))).Succeeded);
        var changed = Overdue with { Search = "Helios", DueFrom = new DateOnly(2026, 1, 1) };
        Assert.True((await Views(world, user, v => v.UpdateFiltersAsync(view.Id, changed))).Succeeded);
        view = Assert.Single(await Views(world, user, v => v.ListAsync()));
        Assert.Equal("Late", view.Name);
        Assert.Equal(changed, AssessmentFilters.Parse(view.Query).Filters);

        Assert.True((await Views(world, user, v => v.DeleteAsync(view.Id))).Succeeded);
        Assert.Empty(await Views(world, user, v => v.ListAsync()));
        Assert.False((await Views(world, user, v => v.RenameAsync(view.Id, "Gone"))).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Bad_names_are_refused_with_a_message_and_save_nothing(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var user = world.Hospital.Ciso;
        Assert.True((await Views(world, user, v => v.SaveAsync("Mine", Overdue))).Succeeded);

        foreach (var bad in new[] { null, "", "   ", new string('x', SavedAssessmentView.NameMaxLength + 1), "tab\there", "mine", " MINE " })
        {
            var result = await Views(world, user, v => v.SaveAsync(bad, AssessmentFilters.None));
            Assert.False(result.Succeeded, $"'{bad}' should be refused");
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }

        var other = await Views(world, user, v => v.SaveAsync("Other", AssessmentFilters.None));
        var rename = await Views(world, user, v => v.RenameAsync(other.Id!.Value, "MINE"));
        Assert.False(rename.Succeeded);
        Assert.Contains("Mine", rename.Error, StringComparison.Ordinal);
        Assert.Equal(["Mine", "Other"], (await Views(world, user, v => v.ListAsync())).Select(v => v.Name));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Views_are_personal_and_never_leak_to_a_colleague_or_another_hospital(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var mine = await Views(world, world.Hospital.Procurement, v => v.SaveAsync("Mine", Overdue));
        var other = await Hospital.CreateAsync(world.App);
        var theirs = await Views(world, other.Procurement, v => v.SaveAsync("Theirs", AssessmentFilters.None));
        Assert.True(mine.Succeeded && theirs.Succeeded);

        // A colleague of the same hospital: nothing listed, nothing renamed or deleted; same name allowed.
        var colleague = world.Hospital.Ciso;
        Assert.Empty(await Views(world, colleague, v => v.ListAsync()));
        Assert.False((await Views(world, colleague, v => v.RenameAsync(mine.Id!.Value, "Stolen"))).Succeeded);
        Assert.False((await Views(world, colleague, v => v.UpdateFiltersAsync(mine.Id!.Value, AssessmentFilters.None))).Succeeded);
        Assert.False((await Views(world, colleague, v => v.DeleteAsync(mine.Id!.Value))).Succeeded);
        Assert.True((await Views(world, colleague, v => v.SaveAsync("Mine", AssessmentFilters.None))).Succeeded);

        // Another hospital: the tenant filter keeps each one's rows apart.
        Assert.Equal(["Theirs"], (await Views(world, other.Procurement, v => v.ListAsync())).Select(v => v.Name));
        Assert.False((await Views(world, other.Procurement, v => v.DeleteAsync(mine.Id!.Value))).Succeeded);
        Assert.False((await Views(world, world.Hospital.Procurement, v => v.DeleteAsync(theirs.Id!.Value))).Succeeded);

        await using var scope = world.App.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(other.Organisation.Id);
        Assert.Equal(["Theirs"], await db.SavedAssessmentViews.Select(v => v.Name).ToListAsync(TestContext.Current.CancellationToken));
        var original = Assert.Single(await Views(world, world.Hospital.Procurement, v => v.ListAsync()));
        Assert.Equal("Mine", original.Name);
        Assert.Equal(Overdue.ToQueryString(), original.Query);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_user_has_no_saved_views(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        Assert.False((await Views(world, world.VendorAdmin, v => v.SaveAsync("Mine", Overdue))).Succeeded);
        Assert.Empty(await Views(world, world.VendorAdmin, v => v.ListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_list_filters_by_template_and_due_range(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var due = DateTime.UtcNow.Date.AddDays(30);
        var id = await world.LaunchAsync(due);
        var day = DateOnly.FromDateTime(due);
        var templateId = await TemplateOfAsync(world);

        async Task<bool> Finds(AssessmentFilters filters) =>
            (await world.AsHospitalAsync(world.Hospital.Auditor, s => s.ListAsync(filters.ToQuery(pageSize: 100)))).Rows.Any(r => r.Id == id);

        Assert.True(await Finds(new AssessmentFilters(TemplateId: templateId)));
        Assert.False(await Finds(new AssessmentFilters(TemplateId: Guid.NewGuid())));
        Assert.True(await Finds(new AssessmentFilters(DueFrom: day, DueTo: day)));
        Assert.False(await Finds(new AssessmentFilters(DueFrom: day.AddDays(1))));
        Assert.False(await Finds(new AssessmentFilters(DueTo: day.AddDays(-1))));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Settings_drive_the_medium_suggestion_and_the_reassessment_months_and_are_audited(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var templateId = await TemplateOfAsync(world);
        var admin = await world.App.CreateUserAsync(world.Hospital.Organisation, OrganisationRole.Administrator);

        var error = await Settings(world, admin, s => s.SaveAsync(new AssessmentSettingsForm { MediumTierTemplateId = templateId, CriticalMonths = 6, HighMonths = 7, MediumMonths = 8, LowMonths = 9 }));
        Assert.Null(error);

        var options = await world.AsHospitalAsync(world.Hospital.Procurement, s => s.LaunchOptionsAsync());
        Assert.Equal(templateId, options.MediumTierTemplateId);
        Assert.Equal(templateId, AssessmentService.Suggest(options.Templates, RiskTier.Medium, options.MediumTierTemplateId)!.TemplateId);
        Assert.NotEqual(templateId, AssessmentService.Suggest([new TemplateVersionOption(Guid.NewGuid(), "Baseline", 1, Domain.Questionnaires.BuiltInTemplate.ClinicalSoftwareBaselineKey, Guid.NewGuid()), .. options.Templates], RiskTier.High, options.MediumTierTemplateId)!.TemplateId);

        var id = await world.LaunchAsync();
        var details = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!;
        var expected = details.Tier switch { RiskTier.Critical => 6, RiskTier.High => 7, RiskTier.Medium => 8, _ => 9 };
        Assert.Equal(expected, details.ReassessmentMonths);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(expected), details.SuggestedNextReassessment);

        var chain = await world.App.ChainAsync(world.Hospital.Organisation.Id);
        Assert.Contains(chain, e => e.Action == "AssessmentSettings.Created" && e.ActorUserId == admin.Id);
        Assert.True((await world.App.VerifyAsync(world.Hospital.Organisation.Id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Bad_settings_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var ciso = world.Hospital.Ciso;
        Assert.NotNull(await Settings(world, ciso, s => s.SaveAsync(new AssessmentSettingsForm { CriticalMonths = 0 })));
        Assert.NotNull(await Settings(world, ciso, s => s.SaveAsync(new AssessmentSettingsForm { LowMonths = AssessmentSettings.MaxMonths + 1 })));
        Assert.NotNull(await Settings(world, ciso, s => s.SaveAsync(new AssessmentSettingsForm { MediumTierTemplateId = Guid.NewGuid() })));

        // Another hospital's template is not a choice either.
        var other = await AssessmentWorld.CreateAsync(world.App);
        Assert.NotNull(await Settings(world, ciso, s => s.SaveAsync(new AssessmentSettingsForm { MediumTierTemplateId = other.VersionId })));
        var otherTemplate = await TemplateOfAsync(other);
        Assert.NotNull(await Settings(world, ciso, s => s.SaveAsync(new AssessmentSettingsForm { MediumTierTemplateId = otherTemplate })));

        var (form, _) = await Settings(world, ciso, s => s.GetAsync());
        Assert.Null(form.MediumTierTemplateId);
        Assert.Equal((12, 12, 24, 36), (form.CriticalMonths, form.HighMonths, form.MediumMonths, form.LowMonths));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Settings_of_one_hospital_do_not_reach_another(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var template = await TemplateOfAsync(world);
        Assert.Null(await Settings(world, world.Hospital.Ciso, s => s.SaveAsync(new AssessmentSettingsForm { MediumTierTemplateId = template, CriticalMonths = 3 })));
        var other = await Hospital.CreateAsync(world.App);
        var (form, templates) = await Settings(world, other.Ciso, s => s.GetAsync());
        Assert.Null(form.MediumTierTemplateId);
        Assert.Equal(12, form.CriticalMonths);
        Assert.Empty(templates);
        Assert.Null((await world.AsHospitalAsync(other.Procurement, s => s.LaunchOptionsAsync())).MediumTierTemplateId);
    }

    public static TheoryData<DatabaseProvider, OrganisationRole> RolesOnBothDatabases()
    {
        var data = new TheoryData<DatabaseProvider, OrganisationRole>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            foreach (var role in Enum.GetValues<OrganisationRole>())
            {
                data.Add(provider, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesOnBothDatabases))]
    public async Task Only_administrators_and_cisos_read_or_change_the_settings(DatabaseProvider provider, OrganisationRole role)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var organisation = OrganisationRoles.SideOf(role) == OrganisationKind.Hospital ? world.Hospital.Organisation : world.VendorOrganisation;
        var user = await world.App.CreateUserAsync(organisation, role);
        var allowed = role is OrganisationRole.Administrator or OrganisationRole.Ciso;

        if (allowed)
        {
            Assert.Null(await Settings(world, user, s => s.SaveAsync(new AssessmentSettingsForm { HighMonths = 18 })));
            Assert.Equal(18, (await Settings(world, user, s => s.GetAsync())).Form.HighMonths);
        }
        else
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Settings(world, user, s => s.SaveAsync(new AssessmentSettingsForm { HighMonths = 18 })));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Settings(world, user, s => s.GetAsync()));
            var (form, _) = await Settings(world, world.Hospital.Ciso, s => s.GetAsync());
            Assert.Equal(12, form.HighMonths);
        }
    }

    private static Task<T> Views<T>(AssessmentWorld world, TestUser user, Func<SavedViewService, Task<T>> action) =>
        world.AsAsync(user, sp => action(sp.GetRequiredService<SavedViewService>()));

    private static Task<T> Settings<T>(AssessmentWorld world, TestUser user, Func<AssessmentSettingsService, Task<T>> action) =>
        world.AsAsync(user, sp => action(sp.GetRequiredService<AssessmentSettingsService>()));

    private static async Task<Guid> TemplateOfAsync(AssessmentWorld world)
    {
        await using var scope = world.App.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(world.Hospital.Organisation.Id);
        return await db.TemplateVersions.Where(v => v.Id == world.VersionId).Select(v => v.TemplateId).SingleAsync(TestContext.Current.CancellationToken);
    }
}
