using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;

namespace VendorRisk.Web.Auth.Passkeys;

/// <summary>
/// Signs in with a passkey. Identity's <c>PasskeySignInAsync</c> would mark the session as a
/// password sign-in; a passkey is possession of a key plus user verification on the device, so
/// the session carries <c>amr=mfa</c> and <c>amr=pop</c>: it satisfies the MFA requirement of
/// every role and the tenant passkey policy. Lockout and inactive accounts are checked as for a
/// password; every outcome is recorded.
/// </summary>
public sealed class PasskeySignIn(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> users,
    SecurityEventRecorder events)
{
    public static readonly IReadOnlyList<Claim> PasskeyClaims =
    [
        new(MfaClaims.AuthenticationMethod, MfaClaims.Mfa),
        new(MfaClaims.AuthenticationMethod, MfaClaims.Passkey),
    ];

    public async Task<SignInOutcome> SignInAsync(string credentialJson)
    {
        var assertion = await signInManager.PerformPasskeyAssertionAsync(credentialJson);
        if (!assertion.Succeeded)
        {
            await events.RecordAsync(SecurityEventKind.PasskeyRejected, detail: "sign-in: " + assertion.Failure.Message);
            return SignInOutcome.Invalid;
        }

        var user = assertion.User;
        if (await users.IsLockedOutAsync(user))
        {
            await events.RecordAsync(SecurityEventKind.SignInRefused, user.Id, user.Email, detail: "locked out (passkey)");
            return SignInOutcome.LockedOut;
        }

        if (!await signInManager.CanSignInAsync(user))
        {
            await events.RecordAsync(SecurityEventKind.SignInRefused, user.Id, user.Email, detail: "inactive or unconfirmed account (passkey)");
            return SignInOutcome.NotAllowed;
        }

        // The sign count and backup state move with every use.
        await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        await users.ResetAccessFailedCountAsync(user);
        await signInManager.SignInWithClaimsAsync(user, isPersistent: false, PasskeyClaims);
        await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, user.Email, detail: "passkey");
        return SignInOutcome.SignedIn;
    }
}
