using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Features.ExternalIdentity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VendorRisk.Web.Api.OpenIdConnect;

/// <summary>
/// Our OpenID Connect server (OpenIddict on the VendorRisk database), the validation of its
/// tokens for the API, the API's policies, rate limit and OpenAPI document.
/// </summary>
internal static class OpenIdConnectRegistration
{
    public const string ApiRateLimit = "api-per-client";

    public static WebApplicationBuilder AddVendorRiskOpenIdConnect(this WebApplicationBuilder builder, ResolvedDatabase database)
    {
        var services = builder.Services;
        var environment = builder.Environment;
        var section = builder.Configuration.GetSection(VendorRiskOidcOptions.SectionName);
        services.Configure<VendorRiskOidcOptions>(section);
        var oidc = section.Get<VendorRiskOidcOptions>() ?? new VendorRiskOidcOptions();
        var insecureTransportAllowed = environment.IsDevelopment() || environment.IsEnvironment("Testing");

        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<VendorRiskDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token");
                options.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();

                // PKCE with S256 only: "plain" sends the verifier itself through the browser.
                options.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, ApiScopes.Read, ApiScopes.Write);

                // Short-lived access tokens (and every API call re-checks the client, the user and
                // the membership); refresh tokens rotate and a used one is refused at once.
                options.SetAccessTokenLifetime(oidc.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(oidc.RefreshTokenLifetime)
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2))
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                if (environment.IsEnvironment("Testing"))
                {
                    options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                }
                else if (environment.IsDevelopment())
                {
                    options.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
                }
                else
                {
                    var (signing, encryption) = ServerKeys.Load(oidc, database.DataDirectory ?? Path.Combine(environment.ContentRootPath, "data"));
                    options.AddSigningCertificate(signing).AddEncryptionCertificate(encryption);
                }

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
                if (insecureTransportAllowed)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();

                // Every call looks the token and its authorization up: a revoked client or a
                // revoked grant is refused at once, not when the token expires.
                options.EnableTokenEntryValidation();
                options.EnableAuthorizationEntryValidation();
            });

        services.AddScoped<ApiClientDirectory>();
        services.AddScoped<VendorRisk.Web.Features.ApiClients.ApiClientService>();
        services.AddScoped<IAuthorizationHandler, ApiCallerHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.Configure<AuthorizationOptions>(options =>
            options.AddPolicy(ApiPolicies.VendorRead, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ApiCallerRequirement(ApiScopes.Read))));

        services.Configure<RateLimiterOptions>(options =>
            options.AddPolicy(ApiRateLimit, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.User.GetClaim(Claims.ClientId) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = oidc.ApiCallsPerMinutePerClient, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        services.PostConfigure<RateLimiterOptions>(options =>
        {
            // API callers get a problem document rather than the sign-in page's text.
            var other = options.OnRejected;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.HttpContext.Request.Path.StartsWithSegments(VendorsApi.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = "60";
                    await ApiProblems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", "This API client made too many calls; retry after a minute.");
                    return;
                }

                if (other is not null)
                {
                    await other(rejected, cancellationToken);
                }
            };
        });

        services.AddVendorRiskExternalIdentity();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        return builder;
    }
}
