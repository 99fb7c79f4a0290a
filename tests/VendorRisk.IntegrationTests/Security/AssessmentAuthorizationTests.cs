using System.Net;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Assessments;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Auth;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>The assessment pages that take ids, which the route-table test cannot reach: each role against the policy table.</summary>
[Collection(SharedApps.Name)]
public sealed class AssessmentAuthorizationTests(AppFixture apps)
{
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
    public async Task Each_role_is_allowed_or_denied_the_assessment_pages_with_ids(DatabaseProvider provider, OrganisationRole role)
    {
        var world = await AssessmentWorld.CreateAsync(apps[provider]);
        var id = await world.LaunchAsync();
        var organisation = OrganisationRoles.SideOf(role) == OrganisationKind.Hospital ? world.Hospital.Organisation : world.VendorOrganisation;
        var user = await world.App.CreateUserAsync(organisation, role);
        using var client = world.App.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        (string Path, string Policy)[] pages =
        [
            ($"/assessments/{id}", Policies.AssessmentRead),
            ($"/portal/assessments/{id}", Policies.PortalAnswer),
        ];
        foreach (var (path, policy) in pages)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            if (Policies.Roles[policy].Contains(role))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} should open {path} but got {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} should be denied {path} but got {(int)response.StatusCode}");
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }
}
