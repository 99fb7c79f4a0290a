using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Web.Auth;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>A DI scope acting as a signed-in user (with MFA), as a live circuit would.</summary>
public static class ActingUser
{
    public static async Task<AsyncServiceScope> ScopeForAsync(this VendorRiskAppFactory app, TestUser user)
    {
        var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>();
        var principal = await factory.CreateAsync((await users.FindByIdAsync(user.Id))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(MfaClaims.AuthenticationMethod, MfaClaims.Mfa));
        // Like a cookie sign-in, the scope acts within one session (step-up proofs are bound to it).
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(VendorRiskClaimTypes.Session, Guid.NewGuid().ToString()));
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(principal);
        return scope;
    }
}
