using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace VendorRisk.Web.Auth;

/// <summary>
/// How a session proves it passed multi-factor authentication: Identity adds the claim
/// <c>amr=mfa</c> when a user signs in with an authenticator or recovery code. The claim must
/// survive the periodic security-stamp refresh, which rebuilds the principal from scratch.
/// </summary>
public static class MfaClaims
{
    public const string AuthenticationMethod = "amr";
    public const string Mfa = "mfa";

    /// <summary>
    /// RFC 8176 "pop" (proof of possession of a key): the session was opened with a passkey. A
    /// passkey sign-in carries both this and <see cref="Mfa"/> (possession plus user verification).
    /// </summary>
    public const string Passkey = "pop";

    public static bool HasPasskey(this ClaimsPrincipal principal) =>
        principal?.HasClaim(AuthenticationMethod, Passkey) == true;

    /// <summary>The current organisation's policy requires a passkey for this role and the session was not opened with one.</summary>
    public static bool LacksRequiredPasskey(this ClaimsPrincipal principal) =>
        principal?.HasClaim(VendorRiskClaimTypes.PasskeyRequired, "true") == true && !principal.HasPasskey();

    public static bool HasMfa(this ClaimsPrincipal principal) =>
        principal?.HasClaim(AuthenticationMethod, Mfa) == true;

    /// <summary>Copies the authentication-method claims into the refreshed principal.</summary>
    public static Task KeepAuthenticationMethods(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var claim in current.FindAll(AuthenticationMethod))
            {
                if (!identity.HasClaim(claim.Type, claim.Value))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }
        }

        return Task.CompletedTask;
    }
}
