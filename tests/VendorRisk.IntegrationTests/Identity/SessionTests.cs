using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Members;

namespace VendorRisk.IntegrationTests.Identity;

/// <summary>Removing a member or changing a role ends what that member could do; switching organisation changes everything shown.</summary>
public sealed class SessionTests : IClassFixture<SessionTests.QuickRevalidationApp>
{
    private readonly VendorRiskAppFactory _app;

    public SessionTests(QuickRevalidationApp fixture) => _app = fixture.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_removed_member_loses_access_at_the_next_revalidation()
    {
        var hospital = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await _app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var ciso = await _app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        using var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(ciso);
        using (var before = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var scope = await _app.SteppedUpScopeForAsync(admin))
        {
            var result = await scope.ServiceProvider.GetRequiredService<MembersService>().RemoveAsync(ciso.Id, Ct);
            Assert.True(result.Succeeded, result.Message);
        }

        await Task.Delay(1200, Ct);
        using var after = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_demoted_member_loses_the_pages_of_the_old_role()
    {
        var hospital = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await _app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var auditor = await _app.CreateUserAsync(hospital, OrganisationRole.Auditor);
        using var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(auditor);

        await using (var scope = await _app.SteppedUpScopeForAsync(admin))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<MembersService>().ChangeRoleAsync(auditor.Id, OrganisationRole.Procurement, Ct)).Succeeded);
        }

        await Task.Delay(1200, Ct);
        using var members = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, members.StatusCode);
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_removed_or_demoted_and_nobody_changes_their_own_role()
    {
        var hospital = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await _app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var second = await _app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        await using var scope = await _app.SteppedUpScopeForAsync(admin);
        var members = scope.ServiceProvider.GetRequiredService<MembersService>();

        Assert.False((await members.RemoveAsync(admin.Id, Ct)).Succeeded);
        Assert.True((await members.RemoveAsync(second.Id, Ct)).Succeeded);
        Assert.False((await members.ChangeRoleAsync(admin.Id, OrganisationRole.Dpo, Ct)).Succeeded);
        Assert.Single((await members.ListAsync(Ct)), m => m.Role == OrganisationRole.Administrator);
    }

    [Fact]
    public async Task Members_of_another_organisation_cannot_be_changed()
    {
        var hospitalA = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var hospitalB = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var adminA = await _app.CreateUserAsync(hospitalA, OrganisationRole.Administrator);
        var cisoB = await _app.CreateUserAsync(hospitalB, OrganisationRole.Ciso);
        await using var scope = await _app.SteppedUpScopeForAsync(adminA);
        var members = scope.ServiceProvider.GetRequiredService<MembersService>();

        Assert.False((await members.RemoveAsync(cisoB.Id, Ct)).Succeeded);
        Assert.False((await members.ChangeRoleAsync(cisoB.Id, OrganisationRole.Auditor, Ct)).Succeeded);
    }

    [Fact]
    public async Task Switching_organisation_changes_everything_shown()
    {
        var hospital = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var vendor = await _app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await _app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        await using (var scope = _app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<VendorRisk.Infrastructure.Persistence.PlatformDbContextFactory>().CreateForTenant(vendor.Id))
        {
            db.Memberships.Add(new Membership(vendor, user.Id, OrganisationRole.VendorContributor, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        using var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(user);
        Assert.Contains($"Vendor risk at {hospital.Name}", await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct), StringComparison.Ordinal);

        using var switched = await SwitchAsync(client, vendor.Id);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains($"Assessments for {vendor.Name}", home, StringComparison.Ordinal);
        Assert.DoesNotContain(hospital.Name, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_to_an_organisation_the_user_does_not_belong_to_changes_nothing()
    {
        var hospital = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var other = await _app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await _app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        using var client = _app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        using var switched = await SwitchAsync(client, other.Id);

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains($"Vendor risk at {hospital.Name}", await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SwitchAsync(HttpClient client, Guid organisationId) =>
        client.PostAccountEndpointAsync("/Account/SwitchOrganisation", new() { ["OrganisationId"] = organisationId.ToString() });

    /// <summary>An app whose sessions are re-checked every second.</summary>
    public sealed class QuickRevalidationApp : IAsyncLifetime
    {
        public VendorRiskAppFactory App { get; private set; } = default!;

        public async ValueTask InitializeAsync() =>
            App = await VendorRiskAppFactory.StartAsync(
                VendorRisk.Infrastructure.Persistence.DatabaseProvider.Sqlite,
                settings: new Dictionary<string, string>
                {
                    ["Security:RevalidationInterval"] = "00:00:01",
                    ["Security:SignInAttemptsPerMinutePerAddress"] = "100000",
                });

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
