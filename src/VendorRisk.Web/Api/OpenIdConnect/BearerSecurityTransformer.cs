using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VendorRisk.Web.Api.OpenIdConnect;

/// <summary>Declares the OAuth 2.0 client-credentials flow of our server in the OpenAPI document.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "VendorRisk API";
        document.Info.Description = "Read a hospital's vendor register. Get a token with the client-credentials grant at /connect/token (scope vendorrisk.read) and send it as a bearer token.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["oauth2"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Tokens of the VendorRisk OpenID Connect server.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/connect/token", UriKind.Relative),
                    Scopes = new Dictionary<string, string>
                    {
                        [ApiScopes.Read] = "Read the vendor register.",
                        [ApiScopes.Write] = "Reserved for write endpoints.",
                    },
                },
            },
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("oauth2", document)] = [ApiScopes.Read],
        });
        return Task.CompletedTask;
    }
}
