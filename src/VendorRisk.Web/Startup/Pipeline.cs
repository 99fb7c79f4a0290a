using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using VendorRisk.Web.Api;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Passkeys;
using VendorRisk.Web.Components;
using VendorRisk.Web.Features.Audit;
using VendorRisk.Web.Features.Evidence;
using VendorRisk.Web.Features.Privacy;
using VendorRisk.Web.Features.Questionnaires;
using VendorRisk.Web.Features.Vendors.Import;

namespace VendorRisk.Web.Startup;

internal static class Pipeline
{
    public static WebApplication UseVendorRiskPipeline(this WebApplication app)
    {
        // Before anything reads the client's address or scheme (logs, HSTS, cookies, rate limits,
        // sessions, audit, alerts): a configured reverse proxy's X-Forwarded-For/-Proto, else nothing.
        app.UseVendorRiskForwardedHeaders();

        // Then, so that every answer (errors, files, health checks included) carries the headers
        // and every log line of the request its correlation id.
        app.UseCorrelationIds();
        app.UseVendorRiskSecurityHeaders();

        if (!app.Environment.IsDevelopment())
        {
            // No stack trace outside Development: the error page shows a reference only.
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UsePasskeyGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapPasskeyEndpoints();
        app.MapCultureEndpoint();
        app.MapQuestionnaireEndpoints();
        app.MapVendorExportEndpoints();
        app.MapAuditEndpoints();
        app.MapPrivacyEndpoints();
        app.MapEvidenceEndpoints();
        app.MapVendorRiskApi();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// <c>GET /culture/set?culture=fr&amp;redirectUri=/x</c>: stores the chosen UI language in a
    /// cookie and returns to a local page. Without the cookie the browser's language decides.
    /// </summary>
    private static void MapCultureEndpoint(this WebApplication app) =>
        app.MapGet("/culture/set", (HttpContext context, string? culture, string? redirectUri) =>
            {
                if (culture is not null && ServiceRegistration.SupportedCultures.Any(c => c.Name == culture))
                {
                    context.Response.Cookies.Append(
                        CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                        new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
                }

                return TypedResults.LocalRedirect(SafeLocalPath(redirectUri));
            })
            .AllowAnonymous()
            .WithName("SetCulture");

    /// <summary>Only a path on this site; anything else (absolute, protocol-relative, backslash tricks) goes home.</summary>
    internal static string SafeLocalPath(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri[0] == '/' && (uri.Length == 1 || (uri[1] != '/' && uri[1] != '\\'))
            ? uri
            : "/";
}
