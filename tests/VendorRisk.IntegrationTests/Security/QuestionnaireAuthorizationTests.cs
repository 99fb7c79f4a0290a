using System.Net;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Questionnaires;
using VendorRisk.Web.Auth;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>
/// The questionnaire pages and the export endpoint take ids, so the route-table test cannot reach
/// them: each role is checked here against the policy table, and a hospital's ids are tried by
/// another hospital's users.
/// </summary>
[Collection(SharedApps.Name)]
public sealed class QuestionnaireAuthorizationTests(AppFixture apps)
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
    public async Task Each_role_is_allowed_or_denied_the_pages_with_ids_as_the_policies_say(DatabaseProvider provider, OrganisationRole role)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var templateId = await TenantLibrary.For(app, hospital.Id).CopyBuiltInAsync(BuiltInTemplate.QuickTriageKey, TestContext.Current.CancellationToken);
        var organisation = OrganisationRoles.SideOf(role) == OrganisationKind.Hospital ? hospital : await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await app.CreateUserAsync(organisation, role);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        (string Path, string Policy)[] pages =
        [
            ($"/questionnaires/{templateId}", Policies.QuestionnaireRead),
            ($"/questionnaires/{templateId}/versions/1", Policies.QuestionnaireRead),
            ($"/questionnaires/{templateId}/versions/1/export.json", Policies.QuestionnaireRead),
            ($"/questionnaires/{templateId}/versions/1/edit", Policies.QuestionnaireEdit),
            ($"/questionnaires/{templateId}/diff", Policies.QuestionnaireRead),
            ($"/questionnaires/{templateId}/versions/1/export.xlsx", Policies.QuestionnaireRead),
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

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Another_hospitals_template_ids_show_nothing_of_it(DatabaseProvider provider)
    {
        var app = apps[provider];
        var ct = TestContext.Current.CancellationToken;
        var owner = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var library = TenantLibrary.For(app, owner.Id);
        var templateId = await library.CreateBlankAsync(new LocalizedText("Secret CHU A", "Hospital A secret"), null, ct);
        await library.AddSectionAsync(templateId, 1, "private", new LocalizedText("Section privée A", "Hospital A private section"), null, ct);
        var other = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(other, OrganisationRole.Ciso);
        var ownerCiso = await app.CreateUserAsync(owner, OrganisationRole.Ciso);

        using (var client = app.CreateBrowserLikeClient())
        {
            await client.SignInAsync(ciso);
            foreach (var path in new[] { $"/questionnaires/{templateId}", $"/questionnaires/{templateId}/versions/1", $"/questionnaires/{templateId}/versions/1/edit", $"/questionnaires/{templateId}/diff", "/questionnaires" })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                var html = await response.Content.ReadAsStringAsync(ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain("Hospital A", html, StringComparison.Ordinal);
                Assert.DoesNotContain("CHU A", html, StringComparison.Ordinal);
            }

            using var export = await client.GetAsync(new Uri($"/questionnaires/{templateId}/versions/1/export.json", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
            using var excel = await client.GetAsync(new Uri($"/questionnaires/{templateId}/versions/1/export.xlsx", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.NotFound, excel.StatusCode);
        }

        // The same requests by the owner do show it (so the checks above can fail).
        using var ownerClient = app.CreateBrowserLikeClient();
        await ownerClient.SignInAsync(ownerCiso);
        var ownPage = await ownerClient.GetStringAsync(new Uri($"/questionnaires/{templateId}/versions/1/edit", UriKind.Relative), ct);
        Assert.Contains("Hospital A private section", ownPage, StringComparison.Ordinal);
        using var ownExport = await ownerClient.GetAsync(new Uri($"/questionnaires/{templateId}/versions/1/export.json", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, ownExport.StatusCode);
        Assert.Contains("Hospital A secret", await ownExport.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
