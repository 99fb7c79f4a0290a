using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Identity;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.IntegrationTests.Vendors;

/// <summary>
/// Creating a vendor organisation by inviting its first contact (so with a mail server), and what
/// a search by SIRET or domain reveals once it exists: only exact keys, only a name.
/// </summary>
public sealed class VendorLinkInvitationTests(InvitationTests.AppsWithMail fixture) : IClassFixture<InvitationTests.AppsWithMail>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_search_reveals_nothing_unless_the_key_is_exact(DatabaseProvider provider)
    {
        var app = fixture.Apps[provider];
        var siret = VendorLinkTests.NewSiret();
        var domain = $"v{Guid.NewGuid():N}"[..12] + ".example";

        // A first hospital creates the vendor organisation by inviting the vendor's first contact.
        var owner = await Hospital.CreateAsync(app);
        var ownerVendor = await VendorLinkTests.CreateVendorAsync(app, owner.Procurement, "Éditeur Exact", siret);
        var created = await VendorLinkTests.AsAsync(app, owner.Procurement, async s => await s.CreateAndInviteAsync(ownerVendor, $"rssi@{domain}", await VendorLinkTests.TokenAsync(app, owner.Procurement, ownerVendor), "http://localhost/", Ct));
        Assert.True(created.Succeeded, created.Error);
        Assert.Contains("/Account/Invitation", (await fixture.Smtp.WaitForMessageToAsync($"rssi@{domain}")).TextBody, StringComparison.Ordinal);
        var organisationId = await VendorLinkTests.LinkedOrganisationAsync(app, owner.Organisation.Id, ownerVendor);
        Assert.NotNull(organisationId);
        await using (var system = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var organisation = await system.Organisations.SingleAsync(o => o.Id == organisationId, Ct);
            Assert.Equal(OrganisationKind.Vendor, organisation.Kind);
            Assert.Equal("Éditeur Exact", organisation.Name);
            var invitation = await system.Invitations.IgnoreQueryFilters([TenantModelConventions.FilterName]).SingleAsync(i => i.TenantId == organisationId, Ct);
            Assert.Equal($"rssi@{domain}", invitation.Email);
            Assert.Equal(OrganisationRole.VendorAdmin, invitation.Role);
        }

        var searcher = await Hospital.CreateAsync(app);
        Task<OrganisationSearch> Find(string key) => VendorLinkTests.AsAsync(app, searcher.Procurement, s => s.FindAsync(key, Ct));

        var exact = await Find(siret);
        Assert.Equal("Éditeur Exact", Assert.Single(exact.Matches).Name);
        Assert.Single((await Find($"{siret[..3]} {siret[3..6]} {siret[6..9]} {siret[9..]}")).Matches);

        foreach (var near in new[] { siret[..13], siret[..9], siret + "0", siret[..13] + (char)('0' + ((siret[13] - '0' + 1) % 10)), "Éditeur", "Éditeur Exact", "%", "*", siret[..5] + "%" })
        {
            var result = await Find(near);
            Assert.Empty(result.Matches);
            Assert.False(string.IsNullOrEmpty(result.Message));
        }

        Assert.Empty((await Find(VendorLinkTests.NewSiret())).Matches);

        // The domain matches only once someone of that domain is a member, and only exactly.
        Assert.Empty((await Find(domain)).Matches);
        await VendorLinkTests.AddMemberAsync(app, organisationId!.Value, $"dpo@{domain}");
        Assert.Equal(organisationId, Assert.Single((await Find(domain)).Matches).Id);
        Assert.Equal(organisationId, Assert.Single((await Find($"anyone@{domain.ToUpperInvariant()}")).Matches).Id);
        Assert.Empty((await Find(domain[1..])).Matches);
        Assert.Empty((await Find("sub." + domain)).Matches);
        Assert.Empty((await Find("example")).Matches);
        Assert.Empty((await Find("gmail.com")).Matches);

        // Linking needs the key: an organisation id alone, or with a wrong key, links nothing.
        var searcherVendor = await VendorLinkTests.CreateVendorAsync(app, searcher.Procurement, "Éditeur Exact", siret);
        Assert.False((await VendorLinkTests.LinkAsync(app, searcher.Procurement, searcherVendor, VendorLinkTests.NewSiret(), organisationId.Value)).Succeeded);
        Assert.False((await VendorLinkTests.LinkAsync(app, searcher.Procurement, searcherVendor, "other.example", organisationId.Value)).Succeeded);
        Assert.Null(await VendorLinkTests.LinkedOrganisationAsync(app, searcher.Organisation.Id, searcherVendor));

        // Creating a second organisation for a domain that already answers is refused.
        var refused = await VendorLinkTests.AsAsync(app, searcher.Procurement, async s => await s.CreateAndInviteAsync(searcherVendor, $"ciso@{domain}", await VendorLinkTests.TokenAsync(app, searcher.Procurement, searcherVendor), "http://localhost/", Ct));
        Assert.False(refused.Succeeded);
        Assert.Contains(domain, refused.Error, StringComparison.Ordinal);
        Assert.True((await VendorLinkTests.LinkAsync(app, searcher.Procurement, searcherVendor, domain, organisationId.Value)).Succeeded);
        Assert.Equal(organisationId, await VendorLinkTests.LinkedOrganisationAsync(app, searcher.Organisation.Id, searcherVendor));
    }
}
