using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using VendorRisk.Infrastructure.OpenIdConnect;

namespace VendorRisk.Web.Features.ExternalIdentity;

/// <summary>The HTTP handler for calls to hospitals' identity providers (discovery, keys, token); tests point it at an in-process provider.</summary>
public sealed class ExternalIdentityBackchannel(Func<HttpMessageHandler>? handler = null)
{
    public HttpMessageHandler? Create() => handler?.Invoke();
}

/// <summary>
/// One OpenID Connect authentication scheme per configured provider, added at run time (ADR 0007):
/// the first sign-in through a provider registers its scheme; a changed configuration replaces
/// it. Options are built here from the database row, the client secret unprotected only in memory.
/// </summary>
public sealed class ExternalSchemes(
    IAuthenticationSchemeProvider schemes,
    IOptionsMonitorCache<OpenIdConnectOptions> optionsCache,
    IDataProtectionProvider dataProtection,
    ExternalIdentityBackchannel backchannel,
    IWebHostEnvironment environment)
{
    public const string SecretPurpose = "VendorRisk.ExternalIdentity.ClientSecret";
    public const string CallbackPrefix = "/signin-oidc/";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, DateTimeOffset?> Versions = [];

    public string Ensure(ExternalIdentityProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var name = provider.SchemeName;
        var version = provider.UpdatedAtUtc ?? provider.CreatedAtUtc;
        lock (Gate)
        {
            if (Versions.TryGetValue(name, out var known) && known == version)
            {
                return name;
            }

            schemes.RemoveScheme(name);
            optionsCache.TryRemove(name);
            var options = Build(provider);
            new OpenIdConnectPostConfigureOptions(dataProtection).PostConfigure(name, options);
            optionsCache.TryAdd(name, options);
            schemes.TryAddScheme(new AuthenticationScheme(name, provider.DisplayName, typeof(OpenIdConnectHandler)));
            Versions[name] = version;
        }

        return name;
    }

    private OpenIdConnectOptions Build(ExternalIdentityProvider provider)
    {
        var options = new OpenIdConnectOptions
        {
            Authority = provider.Authority,
            ClientId = provider.ClientId,
            ClientSecret = dataProtection.CreateProtector(SecretPurpose).Unprotect(provider.ProtectedClientSecret),
            ResponseType = OpenIdConnectResponseType.Code,
            ResponseMode = OpenIdConnectResponseMode.Query,
            UsePkce = true,
            CallbackPath = CallbackPrefix + provider.Id.ToString("N"),
            SignInScheme = IdentityConstants.ExternalScheme,
            MapInboundClaims = false,
            GetClaimsFromUserInfoEndpoint = false,
            SaveTokens = false,
            TimeProvider = TimeProvider.System,
            RequireHttpsMetadata = !(environment.IsDevelopment() || environment.IsEnvironment("Testing")),
        };
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");

        // Query response mode is a top-level GET: Lax cookies come back, and over HTTPS they are Secure.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        if (backchannel.Create() is { } handler)
        {
            options.BackchannelHttpHandler = handler;
        }

        return options;
    }
}
