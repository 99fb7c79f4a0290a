using Scalar.AspNetCore;
using VendorRisk.Web.Api.OpenIdConnect;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.ExternalIdentity;

namespace VendorRisk.Web.Api;

internal static class ApiRegistration
{
    /// <summary>
    /// The OpenID Connect endpoints, the API, its OpenAPI document and reference page. The
    /// document and the reference page are open to any signed-in user, and to anyone in
    /// Development so a newcomer can browse them before signing in (ADR 0007).
    /// </summary>
    public static WebApplication MapVendorRiskApi(this WebApplication app)
    {
        app.MapConnectEndpoints();
        app.MapVendorsApi();
        app.MapExternalSignIn();

        var openApi = app.MapOpenApi("/openapi/{documentName}.json");
        var reference = app.MapScalarApiReference("/api/reference", options => options
            .WithTitle("VendorRisk API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        if (app.Environment.IsDevelopment())
        {
            openApi.AllowAnonymous();
            reference.AllowAnonymous();
        }
        else
        {
            openApi.RequireAuthorization(Policies.SignedIn);
            reference.RequireAuthorization(Policies.SignedIn);
        }

        return app;
    }
}
