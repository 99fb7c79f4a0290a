using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.ExternalIdentity;

namespace VendorRisk.IntegrationTests.Api;

[Collection(SharedApps.Name)]
public sealed class ExternalProviderIsolationTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Each_hospital_sees_and_changes_only_its_own_provider_and_other_roles_none(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var b = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var domainA = $"a{Guid.NewGuid():N}.example";
        await using (var scope = await app.ScopeForAsync(await app.CreateUserAsync(a, OrganisationRole.Administrator)))
        {
            var saved = await scope.ServiceProvider.GetRequiredService<ExternalIdentityService>().SaveAsync(
                new ExternalProviderSettings(null, "IdP A", "https://idp-a.example", "a", false, domainA, "groups", [new RoleMapping("x", OrganisationRole.Auditor)], true, null),
                "secret-a",
                TestContext.Current.CancellationToken);
            Assert.True(saved.Succeeded, saved.Message);
        }

        await using (var scope = await app.ScopeForAsync(await app.CreateUserAsync(b, OrganisationRole.Administrator)))
        {
            var service = scope.ServiceProvider.GetRequiredService<ExternalIdentityService>();
            Assert.Null(await service.GetAsync(TestContext.Current.CancellationToken));

            // B cannot take A's domain.
            var taken = await service.SaveAsync(
                new ExternalProviderSettings(null, "IdP B", "https://idp-b.example", "b", false, domainA, "groups", [new RoleMapping("x", OrganisationRole.Auditor)], true, null),
                "secret-b",
                TestContext.Current.CancellationToken);
            Assert.False(taken.Succeeded);
            Assert.Null(await service.GetAsync(TestContext.Current.CancellationToken));
        }

        foreach (var role in OrganisationRoles.Hospital.Where(r => r != OrganisationRole.Administrator))
        {
            await using var scope = await app.ScopeForAsync(await app.CreateUserAsync(a, role));
            var service = scope.ServiceProvider.GetRequiredService<ExternalIdentityService>();
            Assert.Null(await service.GetAsync(TestContext.Current.CancellationToken));
            Assert.False((await service.SaveAsync(
                new ExternalProviderSettings(null, "Hijack", "https://evil.example", "e", false, $"e{Guid.NewGuid():N}.example", "groups", [new RoleMapping("x", OrganisationRole.Administrator)], true, null),
                "s",
                TestContext.Current.CancellationToken)).Succeeded);
        }
    }
}
