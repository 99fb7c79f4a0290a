using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace VendorRisk.Infrastructure.Identity;

/// <summary>
/// Verifies authenticator-app codes (RFC 6238 TOTP, 30-second steps, one step of clock drift
/// either way) and refuses a code whose time step was already used by this account: a code seen
/// over a shoulder or phished in real time cannot be played a second time. Identity's own
/// provider does not remember used steps.
/// </summary>
public sealed class ReplayProtectedAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>Codes come from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var code = Normalise(token);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (code is null || string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        if (step <= user.LastTotpTimeStep)
        {
            return false;
        }

        user.LastTotpTimeStep = step;
        var saved = await manager.UpdateAsync(user);
        return saved.Succeeded;
    }

    /// <summary>Six digits, ignoring the spaces and hyphens apps show for readability.</summary>
    public static string? Normalise(string? token)
    {
        if (token is null || token.Length > 20)
        {
            return null;
        }

        var digits = token.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
