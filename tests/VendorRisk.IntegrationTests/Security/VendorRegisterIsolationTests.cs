using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Tenancy;
using VendorRisk.Domain.Vendors;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>
/// Two hospitals, each with a full register (vendor, sub-processor link, product, engagement,
/// privileged account, contract, tier override): nothing of one is readable or writable by the other.
/// </summary>
[Collection(SharedApps.Name)]
public sealed class VendorRegisterIsolationTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Every_register_entity_of_another_hospital_is_invisible_even_by_guessed_id(DatabaseProvider provider)
    {
        var app = apps[provider];
        var (a, registerA, b, _) = await TwoHospitalsAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();

        await using (var owner = contexts.CreateForTenant(a.Organisation.Id))
        {
            Assert.NotNull(await owner.Vendors.FindAsync([registerA.VendorId], Ct));
            Assert.Equal(1, await owner.SubProcessorLinks.CountAsync(l => l.VendorId == registerA.VendorId, Ct));
            Assert.Equal(1, await owner.TierOverrideHistory.CountAsync(t => t.EngagementId == registerA.EngagementId, Ct));
        }

        await using var other = contexts.CreateForTenant(b.Organisation.Id);
        Assert.Null(await other.Vendors.FindAsync([registerA.VendorId], Ct));
        Assert.Null(await other.Products.FindAsync([registerA.ProductId], Ct));
        Assert.Null(await other.Engagements.FindAsync([registerA.EngagementId], Ct));
        Assert.Null(await other.PrivilegedAccounts.FindAsync([registerA.AccountId], Ct));
        Assert.Null(await other.Contracts.FindAsync([registerA.ContractId], Ct));
        Assert.False(await other.SubProcessorLinks.AnyAsync(l => l.VendorId == registerA.VendorId, Ct));
        Assert.False(await other.TierOverrideHistory.AnyAsync(t => t.EngagementId == registerA.EngagementId, Ct));
        Assert.All(await other.Vendors.ToListAsync(Ct), v => Assert.Equal(b.Organisation.Id, v.TenantId));
        Assert.All(await other.Engagements.ToListAsync(Ct), e => Assert.Equal(b.Organisation.Id, e.TenantId));

        // Through the service, as hospital B's CISO: every use case answers "not found".
        await using var asB = app.ScopeFor(b.Ciso);
        var service = asB.ServiceProvider.GetRequiredService<VendorRegisterService>();
        Assert.Null(await service.GetVendorAsync(registerA.VendorId, Ct));
        Assert.Null(await service.GetVendorDetailsAsync(registerA.VendorId, Ct));
        Assert.Null(await service.GetProductAsync(registerA.ProductId, Ct));
        Assert.Null(await service.GetEngagementAsync(registerA.EngagementId, Ct));
        Assert.DoesNotContain(
            (await service.ListVendorsAsync(new VendorQuery(IncludeArchived: true, PageSize: 100), Ct)).Rows,
            r => r.Id == registerA.VendorId || r.Id == registerA.SubProcessorId);
        Assert.DoesNotContain(await service.VendorOptionsAsync(null, Ct), o => o.Id == registerA.VendorId);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Writing_another_hospitals_register_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        var app = apps[provider];
        var (a, registerA, b, registerB) = await TwoHospitalsAsync(app);

        // Through the service, with ids guessed from hospital A.
        await using (var asB = app.ScopeFor(b.Procurement))
        {
            var service = asB.ServiceProvider.GetRequiredService<VendorRegisterService>();
            Assert.False((await service.UpdateVendorAsync(registerA.VendorId, new VendorForm { LegalName = "Stolen", CountryCode = "FR" }, Ct)).Succeeded);
            Assert.False((await service.ArchiveVendorAsync(registerA.VendorId, Guid.Empty, Ct)).Succeeded);
            Assert.False((await service.CreateProductAsync(registerA.VendorId, new ProductForm { Name = "Planted" }, Ct)).Succeeded);
            Assert.False((await service.UpdateProductAsync(registerA.ProductId, new ProductForm { Name = "Planted" }, Ct)).Succeeded);
            Assert.False((await service.CreateEngagementAsync(registerA.ProductId, Register.MediBoardForm(), Ct)).Succeeded);
            Assert.False((await service.AddPrivilegedAccountAsync(registerA.EngagementId, new PrivilegedAccountForm { Holder = "x", NextReviewDue = DateTime.UtcNow.AddDays(9) }, Guid.Empty, Ct)).Succeeded);
            Assert.False((await service.RemovePrivilegedAccountAsync(registerA.EngagementId, registerA.AccountId, Guid.Empty, Ct)).Succeeded);
            Assert.False((await service.RemoveContractAsync(registerA.EngagementId, registerA.ContractId, Guid.Empty, Ct)).Succeeded);

            // Linking one's own vendor to another hospital's vendor is refused too.
            var own = VendorForm.From((await service.GetVendorAsync(registerB.VendorId, Ct))!);
            own.ParentCompanyId = registerA.VendorId;
            Assert.False((await service.UpdateVendorAsync(registerB.VendorId, own, Ct)).Succeeded);
            own.ParentCompanyId = null;
            own.SubProcessorIds = [registerA.VendorId];
            Assert.False((await service.UpdateVendorAsync(registerB.VendorId, own, Ct)).Succeeded);
        }

        // Through the database, with rows obtained around the filter (say by a bug elsewhere).
        await using var scope = app.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();
        await using (var attacker = contexts.CreateForTenant(b.Organisation.Id))
        {
            var vendor = await attacker.Vendors.IgnoreQueryFilters().SingleAsync(v => v.Id == registerA.VendorId, Ct);
            vendor.SetWebsite("https://attacker.example");
            await Assert.ThrowsAsync<TenantViolationException>(() => attacker.SaveChangesAsync(Ct));
        }

        await using (var attacker = contexts.CreateForTenant(b.Organisation.Id))
        {
            var engagement = await attacker.Engagements.IgnoreQueryFilters().Include(e => e.PrivilegedAccounts).SingleAsync(e => e.Id == registerA.EngagementId, Ct);
            engagement.RemovePrivilegedAccount(registerA.AccountId);
            await Assert.ThrowsAsync<TenantViolationException>(() => attacker.SaveChangesAsync(Ct));
        }

        await using (var attacker = contexts.CreateForTenant(b.Organisation.Id))
        {
            var vendor = await attacker.Vendors.IgnoreQueryFilters().SingleAsync(v => v.Id == registerA.VendorId, Ct);
            attacker.Products.Add(new Product(vendor, "Planted product", ProductCategory.Other));
            await Assert.ThrowsAsync<TenantViolationException>(() => attacker.SaveChangesAsync(Ct));
        }

        await using var check = contexts.CreateForTenant(a.Organisation.Id);
        var unchanged = await check.Engagements.Include(e => e.PrivilegedAccounts).SingleAsync(e => e.Id == registerA.EngagementId, Ct);
        Assert.Single(unchanged.PrivilegedAccounts);
        Assert.Null((await check.Vendors.SingleAsync(v => v.Id == registerA.VendorId, Ct)).Website);
        Assert.Equal(1, await check.Products.CountAsync(p => p.VendorId == registerA.VendorId, Ct));
        Assert.Equal(registerA.VendorName, (await check.Vendors.SingleAsync(v => v.Id == registerA.VendorId, Ct)).LegalName);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Register_pages_with_ids_show_nothing_to_another_hospital_and_are_denied_to_the_wrong_roles(DatabaseProvider provider)
    {
        var app = apps[provider];
        var (a, registerA, b, _) = await TwoHospitalsAsync(app);
        var readPages = new[] { $"/vendors/{registerA.VendorId}", $"/engagements/{registerA.EngagementId}" };
        var writePages = new[]
        {
            $"/vendors/{registerA.VendorId}/edit", $"/vendors/{registerA.VendorId}/products/new", $"/products/{registerA.ProductId}/edit",
            $"/products/{registerA.ProductId}/engagements/new", $"/engagements/{registerA.EngagementId}/edit",
        };

        using (var owner = app.CreateBrowserLikeClient())
        {
            await owner.SignInAsync(a.Procurement);
            foreach (var path in readPages.Concat(writePages))
            {
                using var response = await owner.GetAsync(new Uri(path, UriKind.Relative), Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
                Assert.Contains(path.StartsWith("/vendors/", StringComparison.Ordinal) ? registerA.VendorName : "Helios DPI", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }

        using (var stranger = app.CreateBrowserLikeClient())
        {
            await stranger.SignInAsync(b.Procurement);
            foreach (var path in readPages.Concat(writePages))
            {
                using var response = await stranger.GetAsync(new Uri(path, UriKind.Relative), Ct);
                var html = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
                Assert.DoesNotContain(registerA.VendorName, html, StringComparison.Ordinal);
                Assert.DoesNotContain("helios-support", html, StringComparison.Ordinal);
            }
        }

        using (var auditor = app.CreateBrowserLikeClient())
        {
            await auditor.SignInAsync(a.Auditor);
            foreach (var path in writePages)
            {
                using var response = await auditor.GetAsync(new Uri(path, UriKind.Relative), Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }

        var vendorOrganisation = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var vendorUser = await app.CreateUserAsync(vendorOrganisation, OrganisationRole.VendorAdmin);
        using var vendorClient = app.CreateBrowserLikeClient();
        await vendorClient.SignInAsync(vendorUser);
        foreach (var path in readPages.Concat(writePages).Append("/vendors"))
        {
            using var response = await vendorClient.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    private static async Task<(Hospital A, Register RegisterA, Hospital B, Register RegisterB)> TwoHospitalsAsync(VendorRiskAppFactory app)
    {
        var a = await Hospital.CreateAsync(app);
        var b = await Hospital.CreateAsync(app);
        return (a, await Register.CreateAsync(app, a), b, await Register.CreateAsync(app, b));
    }
}
