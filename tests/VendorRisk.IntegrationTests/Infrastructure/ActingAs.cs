using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Web.Auth;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>
/// A service scope acting as one signed-in user, as an interactive circuit does: the scope's
/// <see cref="CurrentUser"/> (and with it the tenant filter) holds the user's claims.
/// </summary>
public static class ActingAs
{
    public static AsyncServiceScope ScopeFor(this VendorRiskAppFactory app, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(Principal(user));
        return scope;
    }

    public static ClaimsPrincipal Principal(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(VendorRiskClaimTypes.OrganisationId, user.OrganisationId.ToString()),
                new Claim(VendorRiskClaimTypes.OrganisationKind, OrganisationRoles.SideOf(user.Role).ToString()),
                new Claim(VendorRiskClaimTypes.Role, user.Role.ToString()),
            ],
            "Test"));
    }
}
