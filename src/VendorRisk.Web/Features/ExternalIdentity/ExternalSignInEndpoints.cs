using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Startup;

namespace VendorRisk.Web.Features.ExternalIdentity;

internal static class ExternalSignInEndpoints
{
    public const string ProblemQuery = "external";

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder app)
    {
        // Anonymous by design: these start and finish a sign-in.
        var group = app.MapGroup("/Account/External").AllowAnonymous();

        group.MapGet("/{id:guid}", async (Guid id, string? returnUrl, HttpContext http, ExternalIdentityService service, ExternalSchemes schemes) =>
        {
            if (await service.FindEnabledAsync(id, http.RequestAborted) is not { } provider)
            {
                return Results.LocalRedirect($"/Account/Login?{ProblemQuery}={ExternalSignInProblem.UnknownProvider}");
            }

            var scheme = schemes.Ensure(provider);
            var properties = new AuthenticationProperties
            {
                RedirectUri = $"/Account/External/Complete/{id:N}?returnUrl={Uri.EscapeDataString(Pipeline.SafeLocalPath(returnUrl))}",
            };
            return Results.Challenge(properties, [scheme]);
        });

        group.MapGet("/Complete/{id:guid}", async (
            Guid id,
            string? returnUrl,
            HttpContext http,
            ExternalIdentityService service,
            SignInManager<ApplicationUser> signIn,
            SecurityEventRecorder events) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            var provider = await service.FindEnabledAsync(id, http.RequestAborted);
            if (!external.Succeeded || external.Principal is null || provider is null)
            {
                return Refused(ExternalSignInProblem.Failed);
            }

            var (user, problem) = await service.ResolveAsync(provider, external.Principal, http.RequestAborted);
            if (user is null)
            {
                return Refused(problem);
            }

            // The provider asserted MFA (checked above for every role that needs it).
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(MfaClaims.AuthenticationMethod, MfaClaims.Mfa), new Claim("idp", provider.SchemeName)]);
            await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, user.Email, provider.TenantId, $"external: {provider.DisplayName}", http.RequestAborted);
            return Results.LocalRedirect(Pipeline.SafeLocalPath(returnUrl));
        });

        return app;
    }

    private static IResult Refused(ExternalSignInProblem problem) =>
        Results.LocalRedirect($"/Account/Login?{ProblemQuery}={problem}");
}
