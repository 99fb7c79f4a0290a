using Bunit;
using VendorRisk.Domain.Organisations;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Components.Layout;

namespace VendorRisk.Web.Tests.Layout;

public sealed class NavMenuTests : VendorRiskTestContext
{
    [Theory]
    [InlineData(OrganisationRole.Administrator, true)]
    [InlineData(OrganisationRole.Ciso, true)]
    [InlineData(OrganisationRole.Auditor, true)]
    [InlineData(OrganisationRole.VendorAdmin, true)]
    [InlineData(OrganisationRole.Procurement, false)]
    [InlineData(OrganisationRole.Dpo, false)]
    [InlineData(OrganisationRole.VendorContributor, false)]
    public void The_members_link_is_shown_only_to_roles_that_may_open_the_page(OrganisationRole role, bool shown)
    {
        SignIn(role);

        var menu = Render<NavMenu>();

        Assert.Equal(shown, menu.FindAll("a[href='/organisation/members']").Count == 1);
        Assert.Single(menu.FindAll("a[href='/']"));
    }

    [Fact]
    public void Every_role_sees_only_links_its_policy_admits()
    {
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            var items = NavigationCatalogue.For(role);
            Assert.All(items, item => Assert.Contains(role, Policies.Roles[item.Policy]));
            Assert.Equal(
                NavigationCatalogue.All.Count(i => Policies.Roles[i.Policy].Contains(role)),
                items.Count);
        }
    }

    [Fact]
    public void An_anonymous_visitor_gets_no_navigation()
    {
        AddAuthorization();

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("a"));
    }

    [Fact]
    public void A_user_without_an_organisation_gets_no_links() =>
        Assert.Empty(NavigationCatalogue.For(null));
}
