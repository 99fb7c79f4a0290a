using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
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
        account.MapPost("/Logout", async Task<Results<RedirectHttpResult, ProblemHttpResult>> (
                HttpContext context,
                [FromServices] SignInManager<ApplicationUser> signInManager) =>
            {
                // A cross-site page must not be able to sign a user out: refuse a missing or
                // forged antiforgery token before reading anything from the form.
                if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                {
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "The sign-out request was not sent by a VendorRisk page. Reload the page and sign out again.");
                }

                var form = await context.Request.ReadFormAsync();
                await signInManager.SignOutAsync();
                var returnUrl = form["ReturnUrl"].ToString();
                var target = Pipeline.SafeLocalPath(string.IsNullOrEmpty(returnUrl) ? "/Account/Login?signedOut=true" : returnUrl);
                return TypedResults.LocalRedirect(target);
            })
            .AllowAnonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }
}
