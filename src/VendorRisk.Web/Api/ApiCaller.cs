using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Organisations;
using VendorRisk.Web.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VendorRisk.Web.Api;

/// <summary>The token must carry <see cref="Scope"/>, and the client (and user) behind it must still be allowed, now.</summary>
public sealed class ApiCallerRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;
}

/// <summary>
/// Checked on every API call, against the database: the client exists, is not revoked and belongs
/// to the organisation the token names; for a user's token, the user is active and still a member
/// of that organisation with a role that may read the vendor register (and the session that got
/// the token passed MFA). So revoking a client, deactivating a user or removing a membership stops
/// the next call, whatever the token's remaining lifetime.
/// </summary>
internal sealed class ApiCallerHandler(
    ApiClientDirectory clients,
    UserManager<ApplicationUser> users,
    MembershipDirectory memberships,
    VendorRisk.Web.Features.Alerts.ApiClientAddressWatch addresses,
    TimeProvider time) : AuthorizationHandler<ApiCallerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiCallerRequirement requirement)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true || !principal.HasScope(requirement.Scope) || principal.GetOrganisationId() is not { } tenant)
        {
            return;
        }

        var clientId = principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();
        if (clientId is null || await clients.FindAsync(clientId) is not { } client
            || client.IsRevoked || client.TenantId != tenant || client.Kind != OrganisationKind.Hospital)
        {
            return;
        }

        if (principal.GetClaim(ApiClaimTypes.Actor) == ApiClaimTypes.ActorUser)
        {
            if (principal.GetClaim(Claims.Subject) is not { } userId
                || await users.FindByIdAsync(userId) is not { IsActive: true }
                || (await memberships.ForUserAsync(userId)).FirstOrDefault(m => m.OrganisationId == tenant) is not { } membership
                || !Policies.Roles[Policies.VendorRead].Contains(membership.Role))
            {
                return;
            }
        }
        else if (principal.GetClaim(ApiClaimTypes.Actor) != ApiClaimTypes.ActorClient)
        {
            return;
        }

        await clients.TouchAsync(client, time.GetUtcNow());
        await addresses.ObserveAsync(client, (context.Resource as HttpContext)?.Connection.RemoteIpAddress?.ToString());
        context.Succeed(requirement);
    }
}

/// <summary>API endpoints answer 401 and 403 with a problem document (and the bearer challenge header), never a sign-in redirect or an HTML page.</summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if ((authorizeResult.Challenged || authorizeResult.Forbidden)
            && context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpointMetadata>() is not null
            && !context.Response.HasStarted)
        {
            var status = authorizeResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            await ApiProblems.WriteAsync(
                context,
                status,
                authorizeResult.Forbidden ? "Forbidden" : "Unauthorized",
                authorizeResult.Forbidden
                    ? "The access token does not grant this call (scope, revoked client, or the user's membership or role)."
                    : "A valid bearer access token from /connect/token is required.");
        }
    }
}

/// <summary>Marks an endpoint as part of the bearer-token API.</summary>
internal sealed class ApiEndpointMetadata;

internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
