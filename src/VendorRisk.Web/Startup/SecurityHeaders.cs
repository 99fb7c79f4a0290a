using NetEscapades.AspNetCore.SecurityHeaders;

namespace VendorRisk.Web.Startup;

/// <summary>
/// The response headers every answer carries — pages, account forms, API endpoints, files,
/// errors and health checks alike. See docs/security.md (<em>Hardening</em>) for the reasons.
/// </summary>
internal static class SecurityHeaders
{
    public static IServiceCollection AddVendorRiskSecurityHeaders(this IServiceCollection services) =>
        services.AddSecurityHeaderPolicies(policies => policies.SetDefaultPolicy(Policy));

    private const string OwnPolicyKey = "vr:own-csp";

    /// <summary>
    /// The library's middleware, preceded by one that lets a response which is a document of its
    /// own (an evidence preview) keep a stricter Content-Security-Policy: both write the headers
    /// when the response starts, and those callbacks run last-registered first, so ours runs after
    /// the library's and the response's own policy wins.
    /// </summary>
    public static IApplicationBuilder UseVendorRiskSecurityHeaders(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Items[OwnPolicyKey] is string policy)
                {
                    context.Response.Headers.ContentSecurityPolicy = policy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app.UseSecurityHeaders();
    }

    /// <summary>This response replaces the application's Content-Security-Policy with <paramref name="policy"/> (stricter, never looser).</summary>
    public static void UseOwnContentSecurityPolicy(this HttpContext context, string policy) => context.Items[OwnPolicyKey] = policy;

    /// <summary>The nonce of this response's Content-Security-Policy, for the few inline scripts the framework writes (the import map).</summary>
    public static string ScriptNonce(this HttpContext context) => context.GetNonce();

    private static void Policy(HeaderPolicyCollection policy) => policy
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
        .AddCrossOriginResourcePolicy(b => b.SameOrigin())
        .RemoveServerHeader()
        .AddPermissionsPolicy(permissions =>
        {
            // No device or sensor access; passkeys (WebAuthn) on this origin only.
            permissions.AddAccelerometer().None();
            permissions.AddAutoplay().None();
            permissions.AddCamera().None();
            permissions.AddDisplayCapture().None();
            permissions.AddEncryptedMedia().None();
            permissions.AddGeolocation().None();
            permissions.AddGyroscope().None();
            permissions.AddMagnetometer().None();
            permissions.AddMicrophone().None();
            permissions.AddMidi().None();
            permissions.AddPayment().None();
            permissions.AddPictureInPicture().None();
            permissions.AddUsb().None();
            permissions.AddHid().None();
            permissions.AddSerialPermissions().None();
            permissions.AddXrSpatialTracking().None();
            permissions.AddPublickeyCredentialsGet().Self();
            permissions.AddPublickeyCredentialsCreate().Self();
        })
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            // Scripts: our own files, plus inline scripts that carry this response's nonce (the
            // framework's import map). No 'unsafe-inline', no 'unsafe-eval' (Blazor Server needs neither).
            csp.AddScriptSrc().Self().WithNonce();
            csp.AddScriptSrcAttr().None();
            // Styles: MudBlazor writes style attributes and its theme as a <style> element from the
            // live circuit, where no per-response nonce exists; inline styles are allowed, scripts never.
            csp.AddStyleSrc().Self().UnsafeInline();
            // Images: our files and data: URIs (the authenticator QR code is rendered on the server).
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self();
            // The Blazor circuit's WebSocket and fetches go to this origin only ('self' covers ws/wss).
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        });
}
