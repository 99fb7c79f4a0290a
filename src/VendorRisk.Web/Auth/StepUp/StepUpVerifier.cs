using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;

namespace VendorRisk.Web.Auth.StepUp;

/// <summary>The outcome of a step-up attempt.</summary>
public enum StepUpOutcome
{
    Passed,
    Invalid,
    LockedOut,
    NoSecondFactor,
}

/// <summary>
/// The server side of step-up re-authentication: checks a fresh proof (authenticator code here,
/// passkey through <see cref="Passkeys.PasskeyEndpoints"/>), records it on the account with the
/// session that made it, and answers <see cref="IsFreshAsync(ClaimsPrincipal, CancellationToken)"/>
/// for services and endpoints. The proof lives in the database, never in the browser. A password
/// is never enough. Wrong codes count towards the account lockout and are security events.
/// </summary>
public sealed class StepUpVerifier(
    UserManager<ApplicationUser> users,
    SecurityEventRecorder events,
    IOptions<StepUpOptions> options,
    TimeProvider clock)
{
    public TimeSpan FreshFor => options.Value.FreshFor;

    /// <summary>Whether <paramref name="principal"/>'s session passed a step-up within the last <see cref="FreshFor"/>.</summary>
    public async Task<bool> IsFreshAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is not null && await IsFreshAsync(userId, principal.GetSessionId(), cancellationToken);
    }

    /// <summary>Whether the user passed a step-up within the last <see cref="FreshFor"/> in the session <paramref name="sessionId"/>.</summary>
    public async Task<bool> IsFreshAsync(string userId, string? sessionId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(sessionId) || await users.FindByIdAsync(userId) is not { } user)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        return user.StepUpAtUtc is { } at
            && string.Equals(user.StepUpSession, sessionId, StringComparison.Ordinal)
            && at <= now
            && now - at < FreshFor;
    }

    /// <summary>Checks an authenticator code (replay-protected) for the signed-in user and records the proof when it is right.</summary>
    public async Task<StepUpOutcome> VerifyCodeAsync(ClaimsPrincipal principal, string? code)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var user = await users.GetUserAsync(principal);
        var session = principal.GetSessionId();
        if (user is null || session is null)
        {
            return StepUpOutcome.Invalid;
        }

        if (!user.TwoFactorEnabled)
        {
            return StepUpOutcome.NoSecondFactor;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return StepUpOutcome.LockedOut;
        }

        var normalised = ReplayProtectedAuthenticatorTokenProvider.Normalise(code);
        if (normalised is not null && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalised))
        {
            await users.ResetAccessFailedCountAsync(user);
            await RecordAsync(user, session, "authenticator");
            return StepUpOutcome.Passed;
        }

        await users.AccessFailedAsync(user);
        await events.RecordAsync(SecurityEventKind.StepUpFailed, user.Id, user.Email, detail: "authenticator");
        if (await users.IsLockedOutAsync(user))
        {
            await events.RecordAsync(SecurityEventKind.LockedOut, user.Id, user.Email, detail: "step-up");
            return StepUpOutcome.LockedOut;
        }

        return StepUpOutcome.Invalid;
    }

    /// <summary>Records a proof already checked (a passkey assertion) for <paramref name="sessionId"/>.</summary>
    public async Task RecordAsync(ApplicationUser user, string sessionId, string method)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.StepUpAtUtc = clock.GetUtcNow();
        user.StepUpSession = sessionId;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The step-up proof could not be recorded.");
        }

        await events.RecordAsync(SecurityEventKind.StepUpPassed, user.Id, user.Email, detail: method);
    }

    /// <summary>Records a failed passkey step-up: it counts towards the lockout like a wrong code.</summary>
    public async Task RecordPasskeyFailureAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await users.AccessFailedAsync(user);
        await events.RecordAsync(SecurityEventKind.StepUpFailed, user.Id, user.Email, detail: "passkey");
    }
}
