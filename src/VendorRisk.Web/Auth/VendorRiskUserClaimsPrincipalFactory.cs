using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Organisations;

namespace VendorRisk.Web.Auth;

/// <summary>
/// Puts the organisation the user acts for, and their role there, into the sign-in cookie. The
/// organisation is the user's last choice if they are still a member of it, else their first
/// membership; a user with no membership gets no organisation claim and therefore sees no tenant
/// data at all.
/// </summary>
public sealed class VendorRiskUserClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    IOptions<IdentityOptions> options,
    MembershipDirectory memberships,
    Passkeys.PasskeyPolicy passkeyPolicy)
    : UserClaimsPrincipalFactory<ApplicationUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(VendorRiskClaimTypes.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName));

        var all = await memberships.ForUserAsync(user.Id);
        var current = all.FirstOrDefault(m => m.OrganisationId == user.CurrentOrganisationId) ?? (all.Count > 0 ? all[0] : null);
        if (current is not null)
        {
            identity.AddClaim(new Claim(VendorRiskClaimTypes.OrganisationId, current.OrganisationId.ToString()));
            identity.AddClaim(new Claim(VendorRiskClaimTypes.OrganisationName, current.OrganisationName));
            identity.AddClaim(new Claim(VendorRiskClaimTypes.OrganisationKind, current.Kind.ToString()));
            identity.AddClaim(new Claim(VendorRiskClaimTypes.Role, current.Role.ToString()));
            if (await passkeyPolicy.RequiresPasskeyAsync(current.OrganisationId, current.Role))
            {
                identity.AddClaim(new Claim(VendorRiskClaimTypes.PasskeyRequired, "true"));
            }
        }

        return identity;
    }
}
