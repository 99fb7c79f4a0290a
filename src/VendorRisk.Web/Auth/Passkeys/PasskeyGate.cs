namespace VendorRisk.Web.Auth.Passkeys;

/// <summary>
/// Sends a session the tenant passkey policy covers, but which was not opened with a passkey, to
/// <c>/Account/EnrolPasskey</c> before anything else is shown (as the TOTP enrolment holds a new
/// user). Authorization refuses those roles anyway (<see cref="OrganisationRoleHandler"/>); this
/// makes the refusal a clear next step rather than "access denied".
/// </summary>
internal static class PasskeyGate
{
    public const string Path = "/Account/EnrolPasskey";

    public static IApplicationBuilder UsePasskeyGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && context.User.LacksRequiredPasskey() && !IsExempt(context.Request.Path))
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    var returnUrl = context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect($"{Path}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }

                return;
            }

            await next(context);
        });

    /// <summary>The account pages and endpoints (sign-out, the passkey ceremonies), framework files and static assets, health and culture.</summary>
    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase)
        || System.IO.Path.HasExtension(path.Value);
}
