using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Infrastructure.Persistence.Search;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Vendors;
using VendorRisk.Web.Features.Vendors.Import;

namespace VendorRisk.IntegrationTests.Vendors;

/// <summary>Vendor import and export, and the accent-insensitive search, on the real database of each provider.</summary>
[Collection(SharedApps.Name)]
public sealed class VendorImportTests(AppFixture apps)
{
    private const string Header = "Raison sociale;Pays;SIRET;Site web;E-mail du contact\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MemoryStream File(string csv) => new(Encoding.UTF8.GetBytes(csv));

    private static async Task<int> VendorCountAsync(VendorRiskAppFactory app, Hospital hospital)
    {
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        return (await service.ListVendorsAsync(new VendorQuery(IncludeArchived: true), Ct)).TotalCount;
    }

    private static async Task<VendorImportResult> ImportAsync(VendorRiskAppFactory app, TestUser user, string csv)
    {
        await using var scope = app.ScopeFor(user);
        var imports = scope.ServiceProvider.GetRequiredService<VendorImportService>();
        await using var file = File(csv);
        var preview = await imports.PreviewAsync(file, "vendors.csv", Ct);
        return await imports.ImportAsync(preview, Ct);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var imports = scope.ServiceProvider.GetRequiredService<VendorImportService>();
        await using var file = File(Header + "Hélios Santé;FR;73282932000074;https://helios.example;\nBiolab;DE;;;not-an-email\nNord Imagerie;FR;;;\n");

        var preview = await imports.PreviewAsync(file, "vendors.csv", Ct);

        Assert.False(preview.CanImport);
        var error = Assert.Single(preview.Errors);
        Assert.Equal((3, "E-mail du contact"), (error.Row, error.Column));
        var refused = await imports.ImportAsync(preview, Ct);
        Assert.False(refused.Imported);
        Assert.Equal(0, await VendorCountAsync(app, hospital));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_clean_file_imports_every_row_in_one_go_and_a_second_import_is_refused_as_duplicates(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var csv = Header + "Hélios Santé;FR;732 829 320 00074;https://helios.example;secu@helios.example\nBiolab GmbH;DE;HRB 1234;;\nNord Imagerie;fr;;;\n";

        var result = await ImportAsync(app, hospital.Procurement, csv);

        Assert.True(result.Imported, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(3, result.Count);
        await using (var scope = app.ScopeFor(hospital.Procurement))
        {
            var list = await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().ListVendorsAsync(new VendorQuery(), Ct);
            Assert.Equal(["Biolab GmbH", "Hélios Santé", "Nord Imagerie"], list.Rows.Select(r => r.LegalName));
            Assert.Equal("73282932000074", list.Rows[1].RegistrationNumber);
        }

        var again = await ImportAsync(app, hospital.Procurement, Header + "HELIOS SANTE;FR;;;\nOther name;FR;73282932000074;;\nNew vendor;BE;;;\n");

        Assert.False(again.Imported);
        Assert.Equal([(2, "Raison sociale"), (3, "SIRET")], again.Errors.Select(e => (e.Row!.Value, e.Column!)));
        Assert.Equal(3, await VendorCountAsync(app, hospital));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_added_between_preview_and_import_makes_the_whole_import_refused(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var imports = scope.ServiceProvider.GetRequiredService<VendorImportService>();
        await using var file = File(Header + "Alpha;FR;;;\nBeta;FR;;;\n");
        var preview = await imports.PreviewAsync(file, "vendors.csv", Ct);
        Assert.True(preview.CanImport);

        Register.Succeeded(await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().CreateVendorAsync(new VendorForm { LegalName = "BETA", CountryCode = "FR" }, Ct));
        var result = await imports.ImportAsync(preview, Ct);

        Assert.False(result.Imported);
        Assert.Equal(3, Assert.Single(result.Errors).Row);
        Assert.Equal(1, await VendorCountAsync(app, hospital));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_excel_workbook_is_imported_like_a_csv_file(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[] { new Dictionary<string, object> { ["Legal name"] = "Workbook Vendor", ["Country"] = "IT", ["Website"] = "https://wb.example" } });
        workbook.Position = 0;
        await using var scope = app.ScopeFor(hospital.Procurement);
        var imports = scope.ServiceProvider.GetRequiredService<VendorImportService>();

        var preview = await imports.PreviewAsync(workbook, "vendors.xlsx", Ct);
        var result = await imports.ImportAsync(preview, Ct);

        Assert.True(result.Imported);
        Assert.Equal(1, await VendorCountAsync(app, hospital));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Roles_without_write_access_can_neither_preview_nor_import(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);

        var result = await ImportAsync(app, hospital.Auditor, Header + "Alpha;FR;;;\n");

        Assert.False(result.Imported);
        Assert.Equal(0, await VendorCountAsync(app, hospital));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Search_ignores_case_and_accents_and_finds_registration_numbers(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        Assert.True((await ImportAsync(app, hospital.Procurement, Header + "Hôpital Privé d'Évry;FR;;;\nSOCIÉTÉ GÉNÉRALE DE SANTÉ;FR;73282932000074;;\nŒuvre Numérique;FR;;;\nPlain Vendor;GB;;;\n")).Imported);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();

        async Task<IEnumerable<string>> Find(string term) =>
            (await service.ListVendorsAsync(new VendorQuery(Search: term), Ct)).Rows.Select(r => r.LegalName);

        Assert.Equal(["Hôpital Privé d'Évry"], await Find("hopital prive"));
        Assert.Equal(["Hôpital Privé d'Évry"], await Find("EVRY"));
        Assert.Equal(["SOCIÉTÉ GÉNÉRALE DE SANTÉ"], await Find("société générale"));
        Assert.Equal(["SOCIÉTÉ GÉNÉRALE DE SANTÉ"], await Find("sante"));
        Assert.Equal(["SOCIÉTÉ GÉNÉRALE DE SANTÉ"], await Find("3282932"));
        Assert.Equal(["Œuvre Numérique"], await Find("oeuvre"));
        Assert.Empty(await Find("hôpital public"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Two_hospitals_never_see_each_other_in_import_export_or_search(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var b = await Hospital.CreateAsync(app);
        var secret = $"Secret Vendor {Guid.NewGuid():N}";
        Assert.True((await ImportAsync(app, a.Procurement, Header + $"{secret};FR;73282932000074;;\n")).Imported);

        // B may hold the same vendor: A's register is no duplicate of B's, and B learns nothing of it.
        var importB = await ImportAsync(app, b.Procurement, Header + $"{secret};FR;73282932000074;;\n");
        Assert.True(importB.Imported, string.Join("; ", importB.Errors.Select(e => e.Message)));
        Assert.True((await ImportAsync(app, b.Procurement, Header + "Only B;FR;;;\n")).Imported);

        await using (var scope = app.ScopeFor(a.Procurement))
        {
            var list = await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().ListVendorsAsync(new VendorQuery(Search: "only b"), Ct);
            Assert.Empty(list.Rows);
            var export = await scope.ServiceProvider.GetRequiredService<VendorImportService>().ExportAsync(new VendorQuery(), excel: false, Ct);
            var csv = Encoding.UTF8.GetString(export!.Content);
            Assert.Contains(secret, csv, StringComparison.Ordinal);
            Assert.DoesNotContain("Only B", csv, StringComparison.Ordinal);
            Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }

        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(b.Auditor);
        using var response = await client.GetAsync(new Uri("/vendors/export.csv?search=secret", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bCsv = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(secret, bCsv, StringComparison.Ordinal);
        Assert.Equal(2, bCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        using var workbook = await client.GetAsync(new Uri("/vendors/export.xlsx", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        await using var content = await workbook.Content.ReadAsStreamAsync(Ct);
        using var buffered = new MemoryStream();
        await content.CopyToAsync(buffered, Ct);
        buffered.Position = 0;
        var names = buffered.Query(useHeaderRow: true).Select(r => (string)((IDictionary<string, object?>)r)["Legal name"]!).ToList();
        Assert.Equal(["Only B", secret], names);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_organisation_member_cannot_export_a_register(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendorOrganisation = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var member = await app.CreateUserAsync(vendorOrganisation, OrganisationRole.VendorAdmin);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(member);

        using var response = await client.GetAsync(new Uri("/vendors/export.csv", UriKind.Relative), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_migration_backfill_folds_names_written_before_the_search_column(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        Assert.True((await ImportAsync(app, hospital.Procurement, Header + "Clinique Étoile Française;FR;;;\nÂGE D'OR SAS;FR;;;\n")).Imported);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        await using (db)
        {
            var ids = await db.Vendors.IgnoreQueryFilters().Where(v => v.TenantId == hospital.Organisation.Id).Select(v => v.Id).ToListAsync(Ct);
            await db.Vendors.IgnoreQueryFilters().Where(v => ids.Contains(v.Id)).ExecuteUpdateAsync(s => s.SetProperty(v => v.SearchText, string.Empty), Ct);

            await db.Database.ExecuteSqlRawAsync(SearchTextSql.BackfillVendors(name => $"\"{name}\""), Ct);

            var folded = await db.Vendors.IgnoreQueryFilters().Where(v => ids.Contains(v.Id)).OrderBy(v => v.SearchText).Select(v => v.SearchText).ToListAsync(Ct);
            Assert.Equal(["age d'or sas", "clinique etoile francaise"], folded);
        }
    }
}
