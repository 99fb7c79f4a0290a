using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Tenancy;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>Two hospitals and two vendors, each with members: nothing of one is visible to another.</summary>
[Collection(SharedApps.Name)]
public sealed class TenantIsolationTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Queries_return_only_the_current_tenant_rows_even_when_ids_are_guessed(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(apps[provider]);
        await using var scope = apps[provider].Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();
        var ct = TestContext.Current.CancellationToken;

        foreach (var (organisation, members) in world.Members)
        {
            await using var db = contexts.CreateForTenant(organisation.Id);
            var visible = await db.Memberships.Select(m => m.UserId).ToListAsync(ct);

            // Other tests share this database: compare with this world's users only.
            var worldUsers = world.Members.Values.SelectMany(u => u).Select(u => u.Id).ToHashSet();
            Assert.Equal(members.Select(u => u.Id).Order(), visible.Where(worldUsers.Contains).Order());
            Assert.All(await db.Memberships.ToListAsync(ct), m => Assert.Equal(organisation.Id, m.TenantId));

            foreach (var other in world.Members.Keys.Where(o => o.Id != organisation.Id))
            {
                var guessed = await IdsOfAsync(contexts, other.Id);
                Assert.False(await db.Memberships.AnyAsync(m => guessed.Contains(m.Id), ct));
                Assert.Null(await db.Memberships.FindAsync([guessed[0]], ct));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Without_a_current_organisation_nothing_is_visible(DatabaseProvider provider)
    {
        await World.CreateAsync(apps[provider]);
        await using var scope = apps[provider].Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<VendorRiskDbContext>>();
        await using var db = new VendorRiskDbContext(options, VendorRisk.Infrastructure.Tenancy.FixedTenantContext.None);

        Assert.Equal(0, await db.Memberships.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Writing_a_record_of_another_tenant_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(apps[provider]);
        await using var scope = apps[provider].Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();
        var ct = TestContext.Current.CancellationToken;
        var victim = world.Members[world.HospitalA].Single(m => m.Role == OrganisationRole.Ciso);
        Guid victimId;
        await using (var owner = contexts.CreateForTenant(world.HospitalA.Id))
        {
            victimId = (await owner.Memberships.SingleAsync(m => m.UserId == victim.Id, ct)).Id;
        }

        // A user of hospital B gets hold of hospital A's record (say through a bug elsewhere)...
        await using (var attacker = contexts.CreateForTenant(world.HospitalB.Id))
        {
            var stolen = await attacker.Memberships.IgnoreQueryFilters().SingleAsync(m => m.Id == victimId, ct);
            stolen.ChangeRole(OrganisationKind.Hospital, OrganisationRole.Auditor);
            await Assert.ThrowsAsync<TenantViolationException>(() => attacker.SaveChangesAsync(ct));
        }

        // ...and cannot add a member to hospital A either.
        await using (var attacker = contexts.CreateForTenant(world.HospitalB.Id))
        {
            attacker.Memberships.Add(new Membership(world.HospitalA, world.Members[world.HospitalB][0].Id, OrganisationRole.Administrator, DateTimeOffset.UtcNow));
            await Assert.ThrowsAsync<TenantViolationException>(() => attacker.SaveChangesAsync(ct));
        }

        await using var check = contexts.CreateForTenant(world.HospitalA.Id);
        var unchanged = await check.Memberships.SingleAsync(m => m.Id == victimId, ct);
        Assert.Equal(OrganisationRole.Ciso, unchanged.Role);
        Assert.Equal(world.Members[world.HospitalA].Count, await check.Memberships.CountAsync(ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_members_page_shows_only_the_signed_in_users_organisation(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(apps[provider]);
        foreach (var (organisation, members) in world.Members)
        {
            var viewer = members.First(m => m.Role is OrganisationRole.Administrator or OrganisationRole.VendorAdmin);
            using var client = apps[provider].CreateBrowserLikeClient();
            await client.SignInAsync(viewer);

            using var response = await client.GetAsync(new Uri("/organisation/members", UriKind.Relative), TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(organisation.Name, html, StringComparison.Ordinal);
            Assert.All(members, m => Assert.Contains(m.Email, html, StringComparison.Ordinal));
            foreach (var other in world.Members.Where(o => o.Key.Id != organisation.Id).SelectMany(o => o.Value))
            {
                Assert.DoesNotContain(other.Email, html, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<List<Guid>> IdsOfAsync(PlatformDbContextFactory contexts, Guid organisationId)
    {
        await using var db = contexts.CreateForTenant(organisationId);
        return await db.Memberships.Select(m => m.Id).ToListAsync();
    }

    private sealed record World(
        Organisation HospitalA,
        Organisation HospitalB,
        Dictionary<Organisation, List<TestUser>> Members)
    {
        public static async Task<World> CreateAsync(VendorRiskAppFactory app)
        {
            var hospitalA = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
            var hospitalB = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
            var vendorA = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
            var vendorB = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
            var members = new Dictionary<Organisation, List<TestUser>>
            {
                [hospitalA] = [await app.CreateUserAsync(hospitalA, OrganisationRole.Administrator), await app.CreateUserAsync(hospitalA, OrganisationRole.Ciso)],
                [hospitalB] = [await app.CreateUserAsync(hospitalB, OrganisationRole.Administrator), await app.CreateUserAsync(hospitalB, OrganisationRole.Procurement)],
                [vendorA] = [await app.CreateUserAsync(vendorA, OrganisationRole.VendorAdmin)],
                [vendorB] = [await app.CreateUserAsync(vendorB, OrganisationRole.VendorAdmin), await app.CreateUserAsync(vendorB, OrganisationRole.VendorContributor)],
            };
            return new World(hospitalA, hospitalB, members);
        }
    }
}
