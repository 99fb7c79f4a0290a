using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Organisations;
using VendorRisk.Web.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VendorRisk.Web.Api.OpenIdConnect;

/// <summary>
/// The two pass-through endpoints of our OpenID Connect server. OpenIddict has already validated
/// the protocol (client, secret, redirect URI, PKCE S256, grant, scopes); these decide who the
/// token is for and which organisation it acts for.
/// </summary>
internal static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous by design: the endpoints authenticate the client (OpenIddict) and the user
        // (the sign-in cookie, with MFA) themselves.
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        app.MapPost("/connect/token", TokenAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Authorization code + PKCE for a signed-in user: the browser's VendorRisk session (which
    /// passed MFA) approves the request for the organisation the client belongs to, when the user
    /// is an active member of it with a hospital role. The administrator registered the client for
    /// the organisation, so there is no separate consent screen.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(
        HttpContext http,
        ApiClientDirectory clients,
        UserManager<ApplicationUser> users,
        MembershipDirectory memberships)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded || session.Principal is null)
        {
            var query = http.Request.HasFormContentType ? QueryString.Create(http.Request.Form.Select(f => KeyValuePair.Create(f.Key, f.Value))) : http.Request.QueryString;
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query },
                [IdentityConstants.ApplicationScheme]);
        }

        if (await clients.FindAsync(request.ClientId!) is not { IsRevoked: false } client)
        {
            return Refuse(Errors.InvalidClient, "This client is not registered or has been revoked.");
        }

        var user = await users.GetUserAsync(session.Principal);
        if (user is not { IsActive: true })
        {
            return Refuse(Errors.AccessDenied, "The account is not active.");
        }

        var membership = (await memberships.ForUserAsync(user.Id)).FirstOrDefault(m => m.OrganisationId == client.TenantId);
        if (membership is null || !Policies.Roles[Policies.VendorRead].Contains(membership.Role))
        {
            return Refuse(Errors.AccessDenied, "You are not a member of the organisation this client belongs to.");
        }

        if (OrganisationRoles.RequiresMfa(membership.Role) && !session.Principal.HasMfa())
        {
            return Refuse(Errors.AccessDenied, "Sign in again with your authenticator before granting access.");
        }

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName)
            .SetClaim(ApiClaimTypes.Actor, ApiClaimTypes.ActorUser)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(MfaClaims.AuthenticationMethod, session.Principal.HasMfa() ? MfaClaims.Mfa : "pwd");
        AddOrganisation(identity, client, membership.Role);
        identity.SetScopes(request.GetScopes().Intersect([.. client.Scopes, Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess], StringComparer.Ordinal));
        identity.SetDestinations(DestinationsOf);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(
        HttpContext http,
        ApiClientDirectory clients,
        UserManager<ApplicationUser> users,
        MembershipDirectory memberships,
        TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (await clients.FindAsync(request.ClientId ?? string.Empty) is not { IsRevoked: false } client || client.Kind != OrganisationKind.Hospital)
        {
            return Refuse(Errors.InvalidClient, "This client is not registered or has been revoked.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            var requested = request.GetScopes();
            var scopes = requested.IsEmpty ? client.Scopes : requested.Intersect(client.Scopes, StringComparer.Ordinal).ToList();
            var identity = NewIdentity();
            identity.SetClaim(Claims.Subject, client.ClientId)
                .SetClaim(ApiClaimTypes.Actor, ApiClaimTypes.ActorClient);
            AddOrganisation(identity, client, role: null);
            identity.SetScopes(scopes);
            identity.SetDestinations(DestinationsOf);
            await clients.TouchAsync(client, time.GetUtcNow());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token was validated by OpenIddict; re-check the user now.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var principal = result.Principal;
            var userId = principal?.GetClaim(Claims.Subject);
            var user = userId is null ? null : await users.FindByIdAsync(userId);
            var membership = user is null ? null : (await memberships.ForUserAsync(user.Id)).FirstOrDefault(m => m.OrganisationId == client.TenantId);
            if (principal is null || user is not { IsActive: true } || membership is null || !Policies.Roles[Policies.VendorRead].Contains(membership.Role))
            {
                return Refuse(Errors.InvalidGrant, "The user is no longer allowed to use this client.");
            }

            var identity = new ClaimsIdentity(principal.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(VendorRiskClaimTypes.Role, membership.Role.ToString());
            identity.SetDestinations(DestinationsOf);
            await clients.TouchAsync(client, time.GetUtcNow());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static void AddOrganisation(ClaimsIdentity identity, ApiClientIdentity client, OrganisationRole? role)
    {
        identity.SetClaim(VendorRiskClaimTypes.OrganisationId, client.TenantId.ToString())
            .SetClaim(VendorRiskClaimTypes.OrganisationName, client.OrganisationName)
            .SetClaim(VendorRiskClaimTypes.OrganisationKind, client.Kind.ToString());
        if (role is { } r)
        {
            identity.SetClaim(VendorRiskClaimTypes.Role, r.ToString());
        }
    }

    private static IEnumerable<string> DestinationsOf(Claim claim) =>
        claim.Type switch
        {
            // A relying party (a hospital signing in with VendorRisk as its provider) reads the
            // name, role and MFA assertion with "profile", the address with "email".
            Claims.Name or VendorRiskClaimTypes.Role or MfaClaims.AuthenticationMethod when claim.Subject?.HasScope(Scopes.Profile) == true => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email when claim.Subject?.HasScope(Scopes.Email) == true => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            "AspNet.Identity.SecurityStamp" => [],
            _ => [Destinations.AccessToken],
        };

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
