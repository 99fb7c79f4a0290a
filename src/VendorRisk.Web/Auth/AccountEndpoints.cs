using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Organisations;
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
                [FromServices] SignInManager<ApplicationUser> signInManager,
                [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                // A cross-site page must not be able to sign a user out.
                if (RefuseForgedPost(context, localizer) is { } refused)
                {
                    return refused;
                }

                var form = await context.Request.ReadFormAsync();
                await signInManager.SignOutAsync();
                var returnUrl = form["ReturnUrl"].ToString();
                var target = Pipeline.SafeLocalPath(string.IsNullOrEmpty(returnUrl) ? "/Account/Login?signedOut=true" : returnUrl);
                return TypedResults.LocalRedirect(target);
            })
            .AllowAnonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        // Switching organisation re-issues the cookie for the chosen membership. The MFA claim is
        // kept; a role that needs MFA the session has not passed sends the user back to sign in.
        account.MapPost("/SwitchOrganisation", async Task<Results<RedirectHttpResult, ProblemHttpResult>> (
                HttpContext context,
                [FromServices] SignInManager<ApplicationUser> signInManager,
                [FromServices] UserManager<ApplicationUser> users,
                [FromServices] MembershipDirectory memberships,
                [FromServices] SecurityEventRecorder events,
                [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                if (RefuseForgedPost(context, localizer) is { } refused)
                {
                    return refused;
                }

                var form = await context.Request.ReadFormAsync();
                var user = await users.GetUserAsync(context.User);
                if (user is null || !Guid.TryParse(form["OrganisationId"], out var organisationId))
                {
                    return TypedResults.LocalRedirect("/");
                }

                var target = (await memberships.ForUserAsync(user.Id)).FirstOrDefault(m => m.OrganisationId == organisationId);
                if (target is null)
                {
                    return TypedResults.LocalRedirect("/");
                }

                user.CurrentOrganisationId = organisationId;
                await users.UpdateAsync(user);
                if (OrganisationRoles.RequiresMfa(target.Role) && !context.User.HasMfa())
                {
                    await signInManager.SignOutAsync();
                    return TypedResults.LocalRedirect("/Account/Login");
                }

                await signInManager.RefreshSignInAsync(user);
                await events.RecordAsync(SecurityEventKind.OrganisationSwitched, user.Id, user.Email, organisationId);
                return TypedResults.LocalRedirect("/");
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    /// <summary>
    /// A 400 (with a body, so status-code pages do not re-execute the post) when the form's
    /// antiforgery token is missing or forged; checked before anything is read from the form.
    /// </summary>
    private static ProblemHttpResult? RefuseForgedPost(HttpContext context, IStringLocalizer<SharedResource> localizer) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: localizer["Account_ForgedPost"])
            : null;
}
