using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Web.Startup;

namespace VendorRisk.Web.Auth;

internal static class AccountEndpoints
{
    /// <summary>Endpoints the account pages post to (antiforgery is checked by the middleware for form posts).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        // Signing out is allowed to anyone: a stale page must still be able to end its session.
        account.MapPost("/Logout", async (
                [FromServices] SignInManager<ApplicationUser> signInManager,
                [FromForm] string? returnUrl) =>
            {
                await signInManager.SignOutAsync();
                var target = Pipeline.SafeLocalPath(string.IsNullOrEmpty(returnUrl) ? "/Account/Login?signedOut=true" : returnUrl);
                return TypedResults.LocalRedirect(target);
            })
            .AllowAnonymous();
    }
}
