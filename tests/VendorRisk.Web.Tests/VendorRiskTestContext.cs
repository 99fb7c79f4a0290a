using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using VendorRisk.Domain.Organisations;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Tests;

/// <summary>A bUnit context with MudBlazor, the app's localisation and a signed-in user of a chosen role.</summary>
public abstract class VendorRiskTestContext : BunitContext, IAsyncLifetime
{
    protected VendorRiskTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
    }

    /// <summary>Menus and selects render into the popover provider; call it after the services are set up.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();

    protected BunitAuthorizationContext SignIn(OrganisationRole role, string organisationName = "CHU Test")
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Test User");
        auth.SetClaims(
            new Claim(VendorRiskClaimTypes.OrganisationId, Guid.NewGuid().ToString()),
            new Claim(VendorRiskClaimTypes.OrganisationName, organisationName),
            new Claim(VendorRiskClaimTypes.OrganisationKind, OrganisationRoles.SideOf(role).ToString()),
            new Claim(VendorRiskClaimTypes.Role, role.ToString()),
            new Claim(VendorRiskClaimTypes.DisplayName, "Test User"));
        return auth;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // xunit with bUnit and MudBlazor: the context must be disposed asynchronously.
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
