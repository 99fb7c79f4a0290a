using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VendorRisk.Infrastructure.OpenIdConnect;

/// <summary>How an API client is registered with OpenIddict: a machine client (client credentials, confidential) or an interactive one (code + PKCE, public).</summary>
public static class ApiClientDescriptors
{
    public static OpenIddictApplicationDescriptor Describe(string clientId, string name, IEnumerable<string> scopes, Uri? redirect, string? secret)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = name,
            ClientSecret = secret,
            ClientType = redirect is null ? ClientTypes.Confidential : ClientTypes.Public,
            Permissions = { Permissions.Endpoints.Token },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        if (redirect is null)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }
        else
        {
            descriptor.RedirectUris.Add(redirect);
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.GrantTypes.AuthorizationCode);
            descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Permissions.Add(Permissions.Scopes.Profile);
            descriptor.Permissions.Add(Permissions.Scopes.Email);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        return descriptor;
    }
}
