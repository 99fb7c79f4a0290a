using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Assessments;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.IntegrationTests.Vendors;

/// <summary>
/// Linking a hospital's vendor record to the vendor's own organisation: exact keys only, one
/// vendor organisation for many hospitals, each hospital seeing only its own relationship.
/// </summary>
[Collection(SharedApps.Name)]
public sealed class VendorLinkTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Two_hospitals_linking_one_vendor_organisation_each_see_only_their_own_relationship(DatabaseProvider provider)
    {
        var app = apps[provider];
        var first = await AssessmentWorld.CreateAsync(app);
        var firstAssessment = await first.LaunchAsync();

        // The second hospital has its own record of the same vendor (same SIRET), linked for now to
        // another organisation; it relinks it to the first hospital's vendor organisation.
        var second = await AssessmentWorld.CreateAsync(app);
        var secondVendor = await VendorIdOfAsync(app, second);
        Assert.True((await UnlinkAsync(app, second.Hospital.Procurement, secondVendor)).Succeeded);

        var found = await AsAsync(app, second.Hospital.Procurement, s => s.FindAsync("853 124 678 00014", Ct));
        var match = Assert.Single(found.Matches, m => m.Id == first.VendorOrganisation.Id);
        Assert.Equal(first.VendorOrganisation.Name, match.Name);
        Assert.True((await LinkAsync(app, second.Hospital.Procurement, secondVendor, "85312467800014", first.VendorOrganisation.Id)).Succeeded);

        var secondAssessment = await LaunchAsync(second, [first.VendorAdmin.Id]);

        // The vendor organisation answers both hospitals, and sees only what is addressed to it.
        var todo = await first.AsVendorAsync(first.VendorAdmin, p => p.ListAsync(Ct));
        Assert.Contains(todo, r => r.Id == firstAssessment);
        Assert.Contains(todo, r => r.Id == secondAssessment);
        var otherVendorTodo = await second.AsVendorAsync(second.VendorAdmin, p => p.ListAsync(Ct));
        Assert.DoesNotContain(otherVendorTodo, r => r.Id == firstAssessment || r.Id == secondAssessment);

        // Neither hospital sees the other's vendor record, engagement or assessment.
        var firstVendor = await VendorIdOfAsync(app, first);
        await AssertInvisibleAsync(app, first.Hospital.Procurement, secondVendor, second.EngagementId, secondAssessment);
        await AssertInvisibleAsync(app, second.Hospital.Procurement, firstVendor, first.EngagementId, firstAssessment);
        await AssertInvisibleAsync(app, first.Hospital.Ciso, secondVendor, second.EngagementId, secondAssessment);

        // Each sees its own record linked to the organisation, by name only.
        await using (var scope = await app.ScopeForAsync(second.Hospital.Procurement))
        {
            var details = await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().GetVendorDetailsAsync(secondVendor, Ct);
            Assert.Equal(first.VendorOrganisation.Name, details!.LinkedOrganisationName);
        }

        // The link is in the second hospital's audit chain, not in the first's.
        var chain = await app.ChainAsync(second.Hospital.Organisation.Id);
        Assert.Contains(chain, e => e.TargetId == secondVendor.ToString() && e.Changes != null && e.Changes.Contains(first.VendorOrganisation.Id.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(await app.ChainAsync(first.Hospital.Organisation.Id), e => e.TargetId == secondVendor.ToString());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Unlinking_is_refused_while_an_assessment_is_open(DatabaseProvider provider)
    {
        var app = apps[provider];
        var world = await AssessmentWorld.CreateAsync(app);
        var vendor = await VendorIdOfAsync(app, world);
        var assessment = await world.LaunchAsync();

        var refused = await UnlinkAsync(app, world.Hospital.Procurement, vendor);
        Assert.False(refused.Succeeded);
        Assert.Contains("1", refused.Error, StringComparison.Ordinal);
        Assert.Equal(world.VendorOrganisation.Id, await LinkedOrganisationAsync(app, world.Hospital.Organisation.Id, vendor));

        Assert.True((await world.AsHospitalAsync(world.Hospital.Procurement, s => s.CancelAsync(assessment, Ct))).Succeeded);
        var administrator = await app.CreateUserAsync(world.Hospital.Organisation, OrganisationRole.Administrator);
        Assert.True((await UnlinkAsync(app, administrator, vendor)).Succeeded);
        Assert.Null(await LinkedOrganisationAsync(app, world.Hospital.Organisation.Id, vendor));
        Assert.False((await UnlinkAsync(app, administrator, vendor)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_procurement_and_administrators_may_link_or_unlink(DatabaseProvider provider)
    {
        var app = apps[provider];
        var world = await AssessmentWorld.CreateAsync(app);
        var vendor = await VendorIdOfAsync(app, world);
        var vendorSide = await app.CreateUserAsync(world.VendorOrganisation, OrganisationRole.VendorAdmin);
        var administrator = await app.CreateUserAsync(world.Hospital.Organisation, OrganisationRole.Administrator);
        var other = await Hospital.CreateAsync(app);

        foreach (var denied in new[] { world.Hospital.Ciso, world.Hospital.Auditor, world.Hospital.Dpo, world.VendorAdmin, vendorSide, other.Procurement })
        {
            var search = await AsAsync(app, denied, s => s.FindAsync("85312467800014", Ct));
            if (denied.OrganisationId == other.Organisation.Id)
            {
                // Another hospital's Procurement may search, but cannot touch this record.
                Assert.False((await UnlinkAsync(app, denied, vendor)).Succeeded);
                continue;
            }

            Assert.Empty(search.Matches);
            Assert.False((await UnlinkAsync(app, denied, vendor)).Succeeded);
            Assert.False((await LinkAsync(app, denied, vendor, "85312467800014", world.VendorOrganisation.Id)).Succeeded);
            var create = await AsAsync(app, denied, s => s.CreateAndInviteAsync(vendor, "x@refused.example", Guid.Empty, "http://localhost/", Ct));
            Assert.False(create.Succeeded);
        }

        Assert.Equal(world.VendorOrganisation.Id, await LinkedOrganisationAsync(app, world.Hospital.Organisation.Id, vendor));

        // Once unlinked, this record no longer vouches for the SIRET: the organisation is found by its members' domain.
        var domain = $"v{Guid.NewGuid():N}"[..12] + ".example";
        await AddMemberAsync(app, world.VendorOrganisation.Id, $"security@{domain}");
        Assert.True((await UnlinkAsync(app, administrator, vendor)).Succeeded);
        Assert.True((await LinkAsync(app, administrator, vendor, domain, world.VendorOrganisation.Id)).Succeeded);
        Assert.True((await UnlinkAsync(app, world.Hospital.Procurement, vendor)).Succeeded);
        Assert.True((await LinkAsync(app, world.Hospital.Procurement, vendor, domain, world.VendorOrganisation.Id)).Succeeded);
        Assert.Equal(world.VendorOrganisation.Id, await LinkedOrganisationAsync(app, world.Hospital.Organisation.Id, vendor));
    }

    private static async Task AssertInvisibleAsync(VendorRiskAppFactory app, TestUser user, Guid vendorId, Guid engagementId, Guid assessmentId)
    {
        await using var scope = await app.ScopeForAsync(user);
        var register = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        Assert.Null(await register.GetVendorDetailsAsync(vendorId, Ct));
        Assert.Null(await register.GetEngagementAsync(engagementId, Ct));
        Assert.DoesNotContain((await register.ListVendorsAsync(new VendorQuery(PageSize: 100), Ct)).Rows, r => r.Id == vendorId);
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        Assert.Null(await assessments.GetAsync(assessmentId, Ct));
        Assert.DoesNotContain((await assessments.ListAsync(new AssessmentQuery(PageSize: 100), Ct)).Rows, r => r.Id == assessmentId);
        Assert.False((await scope.ServiceProvider.GetRequiredService<VendorLinkService>().UnlinkAsync(vendorId, Guid.Empty, Ct)).Succeeded);
    }

    private static async Task<Guid> LaunchAsync(AssessmentWorld world, IReadOnlyList<string> respondents)
    {
        var result = await world.AsHospitalAsync(world.Hospital.Procurement, s => s.LaunchAsync(
            new LaunchForm
            {
                EngagementIds = [world.EngagementId],
                TemplateVersionId = world.VersionId,
                DueOn = DateTime.UtcNow.Date.AddDays(30),
                RespondentUserIds = [.. respondents],
                OwnerUserId = world.Hospital.Procurement.Id,
            },
            "http://localhost/",
            cancellationToken: Ct));
        Assert.True(result.Succeeded, result.Error);
        return result.Id!.Value;
    }

    internal static async Task<T> AsAsync<T>(VendorRiskAppFactory app, TestUser user, Func<VendorLinkService, Task<T>> action)
    {
        await using var scope = await app.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<VendorLinkService>());
    }

    internal static async Task<Guid> TokenAsync(VendorRiskAppFactory app, TestUser user, Guid vendorId)
    {
        await using var scope = await app.ScopeForAsync(user);
        return (await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().GetVendorAsync(vendorId, Ct))?.ConcurrencyToken ?? Guid.Empty;
    }

    internal static async Task<RegisterResult> LinkAsync(VendorRiskAppFactory app, TestUser user, Guid vendorId, string key, Guid organisationId)
    {
        var token = await TokenAsync(app, user, vendorId);
        return await AsAsync(app, user, s => s.LinkAsync(vendorId, key, organisationId, token, Ct));
    }

    internal static async Task<RegisterResult> UnlinkAsync(VendorRiskAppFactory app, TestUser user, Guid vendorId)
    {
        var token = await TokenAsync(app, user, vendorId);
        return await AsAsync(app, user, s => s.UnlinkAsync(vendorId, token, Ct));
    }

    internal static async Task<Guid> CreateVendorAsync(VendorRiskAppFactory app, TestUser user, string name, string siret)
    {
        await using var scope = await app.ScopeForAsync(user);
        return Register.Succeeded(await scope.ServiceProvider.GetRequiredService<VendorRegisterService>()
            .CreateVendorAsync(new VendorForm { LegalName = name, CountryCode = "FR", RegistrationNumber = siret }, Ct));
    }

    private static async Task<Guid> VendorIdOfAsync(VendorRiskAppFactory app, AssessmentWorld world)
    {
        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(world.Hospital.Organisation.Id);
        return await db.Engagements.Where(e => e.Id == world.EngagementId).Select(e => e.VendorId).SingleAsync(Ct);
    }

    internal static async Task<Guid?> LinkedOrganisationAsync(VendorRiskAppFactory app, Guid hospitalId, Guid vendorId)
    {
        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(hospitalId);
        return await db.Vendors.Where(v => v.Id == vendorId).Select(v => v.LinkedOrganisationId).SingleAsync(Ct);
    }

    internal static async Task AddMemberAsync(VendorRiskAppFactory app, Guid organisationId, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAtUtc = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, TestData.Password)).Succeeded);
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, Ct);
        db.Memberships.Add(new Membership(organisation, user.Id, OrganisationRole.VendorContributor, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A random valid SIRET (Luhn), outside La Poste's special series.</summary>
    internal static string NewSiret()
    {
        var digits = "4" + string.Concat(Enumerable.Range(0, 12).Select(_ => Random.Shared.Next(10).ToString(CultureInfo.InvariantCulture)));
        for (var check = 0; check < 10; check++)
        {
            var candidate = digits + check.ToString(CultureInfo.InvariantCulture);
            if (Domain.Vendors.Siret.IsValid(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No Luhn check digit found.");
    }
}
