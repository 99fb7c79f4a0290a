using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Startup;

namespace VendorRisk.Web.Auth.Passkeys;

/// <summary>What the browser posts after a WebAuthn ceremony: the credential as JSON, and for a new passkey its name.</summary>
public sealed record PasskeyPost(string? Credential, string? Name, string? ReturnUrl);

/// <summary>The answer to a ceremony: success and where to go next, or a localised message.</summary>
public sealed record PasskeyReply(bool Ok, string? Message = null, string? Redirect = null);

/// <summary>
/// The WebAuthn ceremonies, on ASP.NET Core Identity's passkey support (SignInManager keeps the
/// challenge in its data-protected two-factor cookie). The browser script
/// (<c>wwwroot/js/passkeys.js</c>) asks for options, runs <c>navigator.credentials</c>, and posts
/// the credential back as JSON with the antiforgery token in a header.
/// </summary>
internal static class PasskeyEndpoints
{
    private const int MaxCredentialLength = 16_384;

    public static void MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var passkeys = endpoints.MapGroup("/Account/Passkey");

        // Sign-in: usernameless (discoverable credentials), so the options name no account.
        passkeys.MapPost("/RequestOptions", async (HttpContext context, [FromServices] SignInManager<ApplicationUser> signIn, [FromServices] IStringLocalizer<SharedResource> localizer) =>
                await RefuseForgedAsync(context, localizer) ?? Results.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json"))
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn);

        passkeys.MapPost("/SignIn", async (HttpContext context, [FromBody] PasskeyPost post, [FromServices] PasskeySignIn flow, [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                if (await RefuseForgedAsync(context, localizer) is { } refused)
                {
                    return refused;
                }

                if (!IsPlausible(post.Credential))
                {
                    return Results.BadRequest(new PasskeyReply(false, localizer["Passkey_Failed"]));
                }

                var outcome = await flow.SignInAsync(post.Credential!);
                return outcome switch
                {
                    SignInOutcome.SignedIn => Results.Ok(new PasskeyReply(true, Redirect: Pipeline.SafeLocalPath(post.ReturnUrl))),
                    SignInOutcome.LockedOut => Results.BadRequest(new PasskeyReply(false, localizer["Login_LockedOut"])),
                    SignInOutcome.NotAllowed => Results.BadRequest(new PasskeyReply(false, localizer["Login_NotAllowed"])),
                    _ => Results.BadRequest(new PasskeyReply(false, localizer["Passkey_Failed"])),
                };
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn);

        // Adding a passkey: for a signed-in user, after a fresh step-up — except the first
        // passkey of a user the tenant policy sends to enrol one.
        passkeys.MapPost("/CreationOptions", async (
                HttpContext context,
                [FromServices] UserManager<ApplicationUser> users,
                [FromServices] SignInManager<ApplicationUser> signIn,
                [FromServices] StepUpVerifier stepUp,
                [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                if (await RefuseForgedAsync(context, localizer) is { } refused)
                {
                    return refused;
                }

                var user = await users.GetUserAsync(context.User);
                if (user is null)
                {
                    return Results.Unauthorized();
                }

                if (!await MayAddAsync(context.User, user, users, stepUp))
                {
                    return Results.Json(new PasskeyReply(false, localizer["StepUp_Required"]), statusCode: StatusCodes.Status403Forbidden);
                }

                var entity = new PasskeyUserEntity
                {
                    Id = user.Id,
                    Name = user.Email ?? user.UserName ?? user.Id,
                    DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName,
                };
                return Results.Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
            })
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.SignIn);

        passkeys.MapPost("/Add", async (
                HttpContext context,
                [FromBody] PasskeyPost post,
                [FromServices] PasskeyManager manager,
                [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                if (await RefuseForgedAsync(context, localizer) is { } refused)
                {
                    return refused;
                }

                if (!IsPlausible(post.Credential))
                {
                    return Results.BadRequest(new PasskeyReply(false, localizer["Passkey_AddFailed"]));
                }

                var reply = await manager.AddAsync(context.User, post.Credential!, post.Name, post.ReturnUrl);
                return reply.Ok ? Results.Ok(reply) : Results.BadRequest(reply);
            })
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.SignIn);

        // Step-up with a passkey: the options name the signed-in user's own passkeys.
        passkeys.MapPost("/StepUpOptions", async (
                HttpContext context,
                [FromServices] UserManager<ApplicationUser> users,
                [FromServices] SignInManager<ApplicationUser> signIn,
                [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                if (await RefuseForgedAsync(context, localizer) is { } refused)
                {
                    return refused;
                }

                var user = await users.GetUserAsync(context.User);
                return user is null ? Results.Unauthorized() : Results.Content(await signIn.MakePasskeyRequestOptionsAsync(user), "application/json");
            })
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.SignIn);

        passkeys.MapPost("/StepUp", async (
                HttpContext context,
                [FromBody] PasskeyPost post,
                [FromServices] UserManager<ApplicationUser> users,
                [FromServices] SignInManager<ApplicationUser> signIn,
                [FromServices] StepUpVerifier stepUp,
                [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                if (await RefuseForgedAsync(context, localizer) is { } refused)
                {
                    return refused;
                }

                var user = await users.GetUserAsync(context.User);
                var session = context.User.GetSessionId();
                if (user is null || session is null)
                {
                    return Results.Unauthorized();
                }

                if (await users.IsLockedOutAsync(user))
                {
                    return Results.BadRequest(new PasskeyReply(false, localizer["Login_LockedOut"]));
                }

                var assertion = IsPlausible(post.Credential) ? await signIn.PerformPasskeyAssertionAsync(post.Credential!) : null;
                if (assertion is not { Succeeded: true } || assertion.User.Id != user.Id)
                {
                    await stepUp.RecordPasskeyFailureAsync(user);
                    return Results.BadRequest(new PasskeyReply(false, localizer["Passkey_Failed"]));
                }

                await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
                await stepUp.RecordAsync(user, session, "passkey");
                return Results.Ok(new PasskeyReply(true));
            })
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.SignIn);

        // Step-up with an authenticator code, for clients without a circuit (the dialog calls the verifier directly).
        endpoints.MapPost("/Account/StepUp/Code", async (
                HttpContext context,
                [FromBody] StepUpCodePost post,
                [FromServices] StepUpVerifier stepUp,
                [FromServices] IStringLocalizer<SharedResource> localizer) =>
            {
                if (await RefuseForgedAsync(context, localizer) is { } refused)
                {
                    return refused;
                }

                return await stepUp.VerifyCodeAsync(context.User, post.Code) switch
                {
                    StepUpOutcome.Passed => Results.Ok(new PasskeyReply(true)),
                    StepUpOutcome.LockedOut => Results.BadRequest(new PasskeyReply(false, localizer["Login_LockedOut"])),
                    StepUpOutcome.NoSecondFactor => Results.BadRequest(new PasskeyReply(false, localizer["StepUp_NoFactor"])),
                    _ => Results.BadRequest(new PasskeyReply(false, localizer["Login_CodeInvalid"])),
                };
            })
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.SignIn);
    }

    /// <summary>What a non-Blazor client posts for a step-up with an authenticator code.</summary>
    public sealed record StepUpCodePost(string? Code);

    /// <summary>A first passkey for a user the policy holds at the gate; otherwise only after a fresh step-up.</summary>
    internal static async Task<bool> MayAddAsync(ClaimsPrincipal principal, ApplicationUser user, UserManager<ApplicationUser> users, StepUpVerifier stepUp) =>
        (principal.LacksRequiredPasskey() && (await users.GetPasskeysAsync(user)).Count == 0)
        || await stepUp.IsFreshAsync(principal);

    private static bool IsPlausible(string? credential) =>
        !string.IsNullOrWhiteSpace(credential) && credential.Length <= MaxCredentialLength;

    /// <summary>JSON posts carry the antiforgery token in the <c>RequestVerificationToken</c> header.</summary>
    private static async Task<IResult?> RefuseForgedAsync(HttpContext context, IStringLocalizer<SharedResource> localizer)
    {
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Json(new PasskeyReply(false, localizer["Account_ForgedPost"]), statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
