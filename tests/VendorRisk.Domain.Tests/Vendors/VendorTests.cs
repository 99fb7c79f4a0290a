using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Tenancy;
using VendorRisk.Domain.Vendors;
using static VendorRisk.Domain.Tests.Vendors.Builders;

namespace VendorRisk.Domain.Tests.Vendors;

public sealed class VendorTests
{
    private static readonly Func<Guid, Guid?> NoParents = _ => null;

    [Fact]
    public void A_french_vendor_stores_its_siret_without_separators()
    {
        var vendor = new Vendor(Hospital, " Softway Medical ", "fr", "732 829 320 00074", Now);

        Assert.Equal("Softway Medical", vendor.LegalName);
        Assert.Equal("FR", vendor.CountryCode);
        Assert.Equal("73282932000074", vendor.RegistrationNumber);
        Assert.Equal(Hospital, vendor.TenantId);
        Assert.Equal(TimeSpan.Zero, vendor.CreatedAtUtc.Offset);
    }

    [Fact]
    public void A_french_vendor_with_an_invalid_siret_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Vendor(Hospital, "Softway Medical", "FR", "73282932000075", Now));

    [Fact]
    public void A_foreign_vendor_keeps_its_registration_number_as_free_text()
    {
        var vendor = new Vendor(Hospital, "Helios GmbH", "DE", "HRB 123456", Now);
        Assert.Equal("HRB 123456", vendor.RegistrationNumber);
    }

    [Fact]
    public void Moving_a_vendor_to_france_revalidates_its_registration_number()
    {
        var vendor = new Vendor(Hospital, "Helios", "DE", "HRB 123456", Now);

        Assert.Throws<ArgumentException>(() => vendor.UpdateIdentity("Helios", "FR", "HRB 123456"));
        Assert.Equal("DE", vendor.CountryCode);
        Assert.Equal("HRB 123456", vendor.RegistrationNumber);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("FRA")]
    [InlineData("UK")]
    [InlineData("")]
    public void A_country_that_is_not_an_iso_alpha_2_code_is_refused(string country) =>
        Assert.ThrowsAny<ArgumentException>(() => new Vendor(Hospital, "Helios", country, null, Now));

    [Fact]
    public void The_country_list_holds_the_249_assigned_codes() => Assert.Equal(249, CountryCodes.All.Count);

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://helios.example")]
    [InlineData("/relative")]
    public void A_website_must_be_an_absolute_http_address(string website) =>
        Assert.Throws<ArgumentException>(() => Vendor().SetWebsite(website));

    [Fact]
    public void The_security_contact_is_validated()
    {
        var vendor = Vendor();
        vendor.SetSecurityContact(" Jeanne RSSI ", "security@helios.example", "+33 1 23 45 67 89");

        Assert.Equal("Jeanne RSSI", vendor.SecurityContactName);
        Assert.Throws<ArgumentException>(() => vendor.SetSecurityContact("Jeanne", "not-an-email", null));
        Assert.Throws<ArgumentException>(() => vendor.SetSecurityContact("Jeanne", null, "call me"));
        Assert.Equal("security@helios.example", vendor.SecurityContactEmail);
    }

    [Fact]
    public void A_vendor_cannot_be_its_own_sub_processor()
    {
        var vendor = Vendor();
        Assert.Throws<InvalidOperationException>(() => vendor.AddSubProcessor(vendor, _ => [], Now));
    }

    [Fact]
    public void A_sub_processor_closing_a_loop_is_refused()
    {
        var a = Vendor("A");
        var b = Vendor("B");
        var c = Vendor("C");
        var graph = new Dictionary<Guid, List<Guid>>();
        IEnumerable<Guid> SubProcessorsOf(Guid id) => graph.TryGetValue(id, out var next) ? next : [];

        a.AddSubProcessor(b, SubProcessorsOf, Now);
        graph[a.Id] = [.. a.SubProcessorIds];
        b.AddSubProcessor(c, SubProcessorsOf, Now);
        graph[b.Id] = [.. b.SubProcessorIds];

        var ex = Assert.Throws<InvalidOperationException>(() => c.AddSubProcessor(a, SubProcessorsOf, Now));
        Assert.Contains("circular", ex.Message, StringComparison.Ordinal);
        Assert.Empty(c.SubProcessorIds);
    }

    [Fact]
    public void A_shared_sub_processor_is_not_a_loop()
    {
        var a = Vendor("A");
        var b = Vendor("B");
        var hosting = Vendor("Hosting");
        var graph = new Dictionary<Guid, List<Guid>> { [b.Id] = [hosting.Id] };
        IEnumerable<Guid> SubProcessorsOf(Guid id) => graph.TryGetValue(id, out var next) ? next : [];

        a.AddSubProcessor(b, SubProcessorsOf, Now);
        a.AddSubProcessor(hosting, SubProcessorsOf, Now);
        a.AddSubProcessor(hosting, SubProcessorsOf, Now);

        Assert.Equal([b.Id, hosting.Id], a.SubProcessorIds);
        Assert.All(a.SubProcessors, link => Assert.Equal(Hospital, link.TenantId));
    }

    [Fact]
    public void A_vendor_of_another_tenant_cannot_be_a_sub_processor() =>
        Assert.Throws<TenantViolationException>(() => Vendor().AddSubProcessor(Vendor(tenant: OtherHospital), _ => [], Now));

    [Fact]
    public void A_parent_company_chain_cannot_loop()
    {
        var group = Vendor("Group");
        var subsidiary = Vendor("Subsidiary");
        subsidiary.SetParentCompany(group, NoParents);

        Assert.Throws<InvalidOperationException>(() => group.SetParentCompany(subsidiary, id => id == subsidiary.Id ? group.Id : null));
        Assert.Throws<InvalidOperationException>(() => group.SetParentCompany(group, NoParents));
        Assert.Null(group.ParentCompanyId);
        Assert.Equal(group.Id, subsidiary.ParentCompanyId);
    }

    [Fact]
    public void Every_change_renews_the_concurrency_token()
    {
        var vendor = Vendor();
        var before = vendor.ConcurrencyToken;

        vendor.SetWebsite("https://helios.example");

        Assert.NotEqual(before, vendor.ConcurrencyToken);
    }

    [Fact]
    public void Only_a_vendor_organisation_can_be_linked()
    {
        var vendor = Vendor();
        var vendorOrganisation = new Organisation("Helios", OrganisationKind.Vendor, Now);

        vendor.LinkOrganisation(vendorOrganisation);

        Assert.Equal(vendorOrganisation.Id, vendor.LinkedOrganisationId);
        Assert.Throws<ArgumentException>(() => vendor.LinkOrganisation(new Organisation("CHU", OrganisationKind.Hospital, Now)));
    }

    [Fact]
    public void An_archived_vendor_takes_no_new_product_until_restored()
    {
        var vendor = Vendor();
        vendor.Archive(Now);

        Assert.True(vendor.IsArchived);
        Assert.Throws<InvalidOperationException>(() => new Product(vendor, "PACS", ProductCategory.Pacs));

        vendor.Restore();
        var product = new Product(vendor, "PACS", ProductCategory.Pacs);
        Assert.Equal(vendor.Id, product.VendorId);
        Assert.Equal(vendor.TenantId, product.TenantId);
    }
}
