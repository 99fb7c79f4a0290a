using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Audit;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>A hospital's audit log is its own: search, export, verify and guessed ids show nothing of another tenant.</summary>
[Collection(SharedApps.Name)]
public sealed class AuditLogIsolationTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_auditor_sees_only_the_events_of_their_own_hospital(DatabaseProvider provider)
    {
        var app = apps[provider];
        var north = await Hospital.CreateAsync(app);
        var south = await Hospital.CreateAsync(app);
        Guid southVendor;
        await using (var scope = app.ScopeFor(north.Procurement))
        {
            Register.Succeeded(await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().CreateVendorAsync(new VendorForm { LegalName = "North vendor", CountryCode = "FR" }, Ct));
        }

        await using (var scope = app.ScopeFor(south.Procurement))
        {
            southVendor = Register.Succeeded(await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().CreateVendorAsync(new VendorForm { LegalName = "South vendor", CountryCode = "FR" }, Ct));
        }

        await using var auditorScope = app.ScopeFor(north.Auditor);
        var audit = auditorScope.ServiceProvider.GetRequiredService<AuditLogService>();

        var all = await audit.SearchAsync(new AuditQuery(), 0, 200, Ct);
        var guessed = await audit.SearchAsync(new AuditQuery(Target: southVendor.ToString()), 0, 200, Ct);
        var byName = await audit.SearchAsync(new AuditQuery(Actor: south.Procurement.Id), 0, 200, Ct);
        var verification = await audit.VerifyAsync(Ct);

        Assert.NotEmpty(all.Items);
        Assert.All(all.Items, e => Assert.Equal(north.Organisation.Id, e.TenantId));
        Assert.Contains(all.Items, e => e.Action == "Vendor.Created");
        Assert.DoesNotContain(all.Items, e => e.TargetId == southVendor.ToString());
        Assert.Equal(0, guessed.Total);
        Assert.Equal(0, byName.Total);
        Assert.Equal(north.Organisation.Id, verification.Chain);
        Assert.Equal((await app.ChainAsync(north.Organisation.Id)).Count, verification.Entries);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_export_of_one_hospital_holds_nothing_of_another(DatabaseProvider provider)
    {
        var app = apps[provider];
        var north = await Hospital.CreateAsync(app);
        var south = await Hospital.CreateAsync(app);
        Guid southVendor;
        await using (var scope = app.ScopeFor(south.Procurement))
        {
            southVendor = Register.Succeeded(await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().CreateVendorAsync(new VendorForm { LegalName = "South only", CountryCode = "FR" }, Ct));
        }

        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(north.Auditor);
        // The full export first: the guessed-id export is itself audited, filter included.
        using var everything = await client.GetAsync(new Uri("/audit/export.csv", UriKind.Relative), Ct);
        using var response = await client.GetAsync(new Uri($"/audit/export.csv?target={southVendor}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only
        var csv = await everything.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(southVendor.ToString(), csv, StringComparison.Ordinal);
        Assert.DoesNotContain("South only", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(south.Procurement.Id, csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Roles_without_the_audit_policy_cannot_use_the_service(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var vendorOrganisation = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var vendorAdmin = await app.CreateUserAsync(vendorOrganisation, OrganisationRole.VendorAdmin);

        foreach (var user in new[] { hospital.Procurement, hospital.Dpo, vendorAdmin })
        {
            await using var scope = app.ScopeFor(user);
            var audit = scope.ServiceProvider.GetRequiredService<AuditLogService>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => audit.SearchAsync(new AuditQuery(), 0, 10, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => audit.ExportCsvAsync(new AuditQuery(), Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => audit.VerifyAsync(Ct));
        }
    }
}
