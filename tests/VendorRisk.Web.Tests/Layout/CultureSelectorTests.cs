using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Web.Components.Layout;

namespace VendorRisk.Web.Tests.Layout;

public sealed class CultureSelectorTests : VendorRiskTestContext
{
    [Fact]
    public void Choosing_french_in_the_menu_goes_to_the_culture_switch_and_back_to_the_same_page()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("organisation/members?page=2");
        var popovers = RenderPopoverProvider();
        var selector = Render<CultureSelector>();

        selector.Find("button").Click();
        var french = popovers.WaitForElement("[lang='fr']");
        french.Click();

        // The menu closes before it runs the item's action: wait for the navigation.
        selector.WaitForAssertion(() => Assert.Equal(
            "http://localhost/culture/set?culture=fr&redirectUri=%2Forganisation%2Fmembers%3Fpage%3D2",
            navigation.Uri));
    }

    [Fact]
    public void The_static_variant_offers_plain_links_and_marks_the_current_language()
    {
        var selector = Render<CultureSelector>(p => p.Add(c => c.Static, true));

        var links = selector.FindAll("nav a");
        Assert.Equal(["en", "fr"], links.Select(a => a.GetAttribute("lang")));
        Assert.Equal("true", links[0].GetAttribute("aria-current"));
        Assert.Null(links[1].GetAttribute("aria-current"));
        Assert.StartsWith("culture/set?culture=fr&redirectUri=", links[1].GetAttribute("href"), StringComparison.Ordinal);
    }
}
