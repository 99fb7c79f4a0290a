using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Organisations;

namespace VendorRisk.Web.Auth;

public enum SignInOutcome
{
    SignedIn,
    RequiresCode,
    RequiresEnrolment,
    LockedOut,
    NotAllowed,
    Invalid,
}

/// <summary>
/// The sign-in rules in one place: a password alone never opens a session for a role that
/// requires MFA. An enrolled user is asked for a code; a user who must enrol is held in Identity's
/// short-lived two-factor cookie until they have set up an authenticator app, and sees nothing
/// before that. Every outcome is recorded.
/// </summary>
public sealed class SignInFlow(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> users,
    MembershipDirectory memberships,
    SecurityEventRecorder events,
    IHttpContextAccessor http)
{
    public async Task<SignInOutcome> PasswordAsync(string email, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await events.RecordAsync(SecurityEventKind.SignInFailed, email: email, detail: "unknown account");
            return SignInOutcome.Invalid;
        }

        if (!user.TwoFactorEnabled && await MustUseMfaAsync(user))
        {
            var check = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                return await FailedAsync(user, check);
            }

            await HoldForEnrolmentAsync(user);
            await events.RecordAsync(SecurityEventKind.MfaEnrolmentStarted, user.Id, user.Email);
            return SignInOutcome.RequiresEnrolment;
        }

        var result = await signInManager.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, user.Email, detail: "password");
            return SignInOutcome.SignedIn;
        }

        return result.RequiresTwoFactor ? SignInOutcome.RequiresCode : await FailedAsync(user, result);
    }

    /// <summary>Whether any of the user's memberships holds a role that requires MFA.</summary>
    public async Task<bool> MustUseMfaAsync(ApplicationUser user) =>
        (await memberships.ForUserAsync(user.Id)).Any(m => OrganisationRoles.RequiresMfa(m.Role));

    /// <summary>
    /// Keeps the user in Identity's two-factor cookie (five minutes, no access to anything) while
    /// they enrol an authenticator app.
    /// </summary>
    public async Task HoldForEnrolmentAsync(ApplicationUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        await http.HttpContext!.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Opens the session after a successful enrolment: the user has just proved a code.</summary>
    public async Task CompleteEnrolmentAsync(ApplicationUser user)
    {
        await http.HttpContext!.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(MfaClaims.AuthenticationMethod, MfaClaims.Mfa)]);
        await events.RecordAsync(SecurityEventKind.MfaEnrolled, user.Id, user.Email);
        await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, user.Email, detail: "password + new authenticator");
    }

    public async Task<SignInOutcome> CodeAsync(string code, bool remember)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInOutcome.Invalid;
        }

        var normalised = ReplayProtectedAuthenticatorTokenProvider.Normalise(code) ?? "000000x";
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(normalised, remember, rememberClient: false);
        if (result.Succeeded)
        {
            await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, user.Email, detail: "password + authenticator");
            return SignInOutcome.SignedIn;
        }

        await events.RecordAsync(SecurityEventKind.MfaCodeRejected, user.Id, user.Email);
        return result.IsLockedOut ? await FailedAsync(user, result) : SignInOutcome.Invalid;
    }

    public async Task<SignInOutcome> RecoveryCodeAsync(string code)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInOutcome.Invalid;
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(code.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (result.Succeeded)
        {
            await events.RecordAsync(SecurityEventKind.RecoveryCodeUsed, user.Id, user.Email);
            await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, user.Email, detail: "password + recovery code");
            return SignInOutcome.SignedIn;
        }

        await events.RecordAsync(SecurityEventKind.MfaCodeRejected, user.Id, user.Email, detail: "recovery code");
        return result.IsLockedOut ? await FailedAsync(user, result) : SignInOutcome.Invalid;
    }

    private async Task<SignInOutcome> FailedAsync(ApplicationUser user, Microsoft.AspNetCore.Identity.SignInResult result)
    {
        if (result.IsLockedOut)
        {
            await events.RecordAsync(SecurityEventKind.LockedOut, user.Id, user.Email);
            return SignInOutcome.LockedOut;
        }

        if (result.IsNotAllowed)
        {
            await events.RecordAsync(SecurityEventKind.SignInRefused, user.Id, user.Email, detail: "inactive or unconfirmed account");
            return SignInOutcome.NotAllowed;
        }

        await events.RecordAsync(SecurityEventKind.SignInFailed, user.Id, user.Email, detail: "wrong password");
        return SignInOutcome.Invalid;
    }
}
