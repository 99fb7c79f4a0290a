using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Portal;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>Two tenants on each side: nothing of an assessment leaks to another vendor organisation or another hospital.</summary>
[Collection(SharedApps.Name)]
public sealed class AssessmentIsolationTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_of_another_organisation_cannot_see_or_touch_the_assessment(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        var otherVendor = await world.App.CreateUserAsync(await world.App.CreateOrganisationAsync(OrganisationKind.Vendor), OrganisationRole.VendorAdmin);

        Assert.DoesNotContain(await world.AsVendorAsync(otherVendor, p => p.ListAsync()), r => r.Id == id);
        Assert.Null(await world.AsVendorAsync(otherVendor, p => p.GetAsync(id)));
        Assert.Equal(SaveOutcome.Failed, (await world.AsVendorAsync(otherVendor, p => p.SaveAnswerAsync(id, "notes", AnswerValue.OfText("x"), 0))).Outcome);
        Assert.False((await world.AsVendorAsync(otherVendor, p => p.SubmitAsync(id))).Succeeded);
        Assert.False((await world.AsVendorAsync(otherVendor, p => p.AddCommentAsync(id, "notes", "x"))).Succeeded);
        Assert.Null((await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!.Answers.GetValueOrDefault("notes"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Another_hospital_cannot_see_or_touch_the_assessment(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        var other = await Hospital.CreateAsync(world.App);

        Assert.Null(await world.AsHospitalAsync(other.Ciso, s => s.GetAsync(id)));
        Assert.DoesNotContain((await world.AsHospitalAsync(other.Ciso, s => s.ListAsync(new AssessmentQuery(PageSize: 100)))).Rows, r => r.Id == id);
        Assert.False((await world.AsHospitalAsync(other.Procurement, s => s.CancelAsync(id))).Succeeded);
        Assert.False((await world.AsHospitalAsync(other.Ciso, s => s.AddCommentAsync(id, "notes", "x", false))).Succeeded);
        Assert.False((await world.AsHospitalAsync(other.Ciso, s => s.CreateFindingAsync(id, new FindingForm { Title = "x", QuestionKeys = ["notes"], DueOn = DateTime.UtcNow.AddDays(5) }))).Succeeded);
        Assert.Equal(AssessmentStatus.Sent, (await world.AsHospitalAsync(world.Hospital.Auditor, s => s.GetAsync(id)))!.Status);

        // A hospital user has no way in through the portal either.
        Assert.Null(await world.AsVendorAsync(world.Hospital.Ciso, p => p.GetAsync(id)));
        Assert.Empty(await world.AsVendorAsync(world.Hospital.Ciso, p => p.ListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_answering_two_hospitals_sees_both_each_from_its_sender(DatabaseProvider provider)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var first = await world.LaunchAsync();
        var second = await AssessmentWorld.CreateAsync(world.App);
        var other = await second.LaunchAsync();
        var todo = await world.AsVendorAsync(world.VendorAdmin, p => p.ListAsync());
        Assert.Contains(todo, r => r.Id == first);
        Assert.DoesNotContain(todo, r => r.Id == other);
    }
}
