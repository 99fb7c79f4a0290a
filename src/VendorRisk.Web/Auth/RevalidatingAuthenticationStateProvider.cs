using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Organisations;

namespace VendorRisk.Web.Auth;

/// <summary>
/// Re-checks every minute, for each live circuit, that the user still exists, is active, has the
/// same security stamp and is still a member of the organisation they act for with the same role.
/// When any of these fails the circuit loses its authentication at once: a deactivated user or a
/// removed membership stops working within a minute, not the template's thirty.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options,
    IOptions<SessionRevalidationOptions> sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => sessions.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var memberships = scope.ServiceProvider.GetRequiredService<MembershipDirectory>();
        // The server-side session must still be live too (an administrator may have ended it).
        return await IsStillValidAsync(userManager, memberships, authenticationState.User, cancellationToken)
            && await scope.ServiceProvider.GetRequiredService<Sessions.SessionStore>().IsLiveAsync(authenticationState.User, ipAddress: null, cancellationToken);
    }

    private async Task<bool> IsStillValidAsync(
        UserManager<ApplicationUser> userManager,
        MembershipDirectory memberships,
        ClaimsPrincipal principal,
        CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || !user.IsActive)
        {
            return false;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (principalStamp != await userManager.GetSecurityStampAsync(user))
        {
            return false;
        }

        if (principal.GetOrganisationId() is not { } organisationId)
        {
            return true;
        }

        var current = (await memberships.ForUserAsync(user.Id, cancellationToken))
            .FirstOrDefault(m => m.OrganisationId == organisationId);
        return current is not null && current.Role == principal.GetOrganisationRole();
    }
}
