using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Web.Auth.StepUp;

namespace VendorRisk.Web.Auth.Passkeys;

/// <summary>A passkey as the account security page lists it.</summary>
public sealed record PasskeyRow(string Id, string Name, DateTimeOffset CreatedAtUtc, bool BackedUp);

/// <summary>
/// A user's own passkeys: add (after the browser ceremony), list, rename, remove. Adding and
/// removing need a fresh step-up (except a first passkey at the policy gate); removing the last
/// passkey is refused while the organisation's policy requires one. Every change is recorded.
/// </summary>
public sealed class PasskeyManager(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signInManager,
    StepUpVerifier stepUp,
    SecurityEventRecorder events,
    IStringLocalizer<SharedResource> localizer)
{
    public const int NameMaxLength = 100;

    public async Task<IReadOnlyList<PasskeyRow>> ListAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return [];
        }

        return (await users.GetPasskeysAsync(user))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyRow(Base64UrlId(p.CredentialId), p.Name ?? string.Empty, p.CreatedAt, p.IsBackedUp))
            .ToList();
    }

    /// <summary>Checks the attestation the browser produced and stores the passkey under <paramref name="name"/>.</summary>
    public async Task<PasskeyReply> AddAsync(ClaimsPrincipal principal, string credentialJson, string? name, string? returnUrl)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        var trimmed = string.IsNullOrWhiteSpace(name) ? localizer["Passkey_DefaultName"].Value : name.Trim();
        if (trimmed.Length > NameMaxLength)
        {
            return new(false, localizer["Passkey_NameTooLong", NameMaxLength]);
        }

        var atGate = principal.LacksRequiredPasskey() && (await users.GetPasskeysAsync(user)).Count == 0;
        if (!atGate && !await stepUp.IsFreshAsync(principal))
        {
            return new(false, localizer["StepUp_Required"]);
        }

        var attestation = await signInManager.PerformPasskeyAttestationAsync(credentialJson);
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id)
        {
            await events.RecordAsync(SecurityEventKind.PasskeyRejected, user.Id, user.Email, detail: "registration: " + (attestation.Succeeded ? "another account" : attestation.Failure.Message));
            return new(false, localizer["Passkey_AddFailed"]);
        }

        var passkey = attestation.Passkey;
        passkey.Name = trimmed;
        var stored = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!stored.Succeeded)
        {
            return new(false, localizer["Passkey_AddFailed"]);
        }

        await events.RecordAsync(SecurityEventKind.PasskeyAdded, user.Id, user.Email, detail: trimmed);
        if (atGate)
        {
            // The user just proved possession of the new passkey with user verification: the
            // session becomes a passkey session, as enrolling an authenticator app opens one with MFA.
            await signInManager.SignInWithClaimsAsync(user, isPersistent: false, PasskeySignIn.PasskeyClaims);
            await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, user.Email, detail: "new passkey at the policy gate");
        }

        return new(true, localizer["Passkey_Added", trimmed], Startup.Pipeline.SafeLocalPath(returnUrl));
    }

    public async Task<PasskeyReply> RenameAsync(ClaimsPrincipal principal, string id, string? name)
    {
        var (user, passkey) = await FindAsync(principal, id);
        if (user is null || passkey is null)
        {
            return new(false, localizer["Passkey_NotFound"]);
        }

        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return new(false, localizer["Passkey_NameRequired"]);
        }

        if (trimmed.Length > NameMaxLength)
        {
            return new(false, localizer["Passkey_NameTooLong", NameMaxLength]);
        }

        var previous = passkey.Name;
        passkey.Name = trimmed;
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded)
        {
            return new(false, localizer["Passkey_NotFound"]);
        }

        await events.RecordAsync(SecurityEventKind.PasskeyRenamed, user.Id, user.Email, detail: $"{previous} -> {trimmed}");
        return new(true, localizer["Passkey_Renamed", trimmed]);
    }

    public async Task<PasskeyReply> RemoveAsync(ClaimsPrincipal principal, string id)
    {
        var (user, passkey) = await FindAsync(principal, id);
        if (user is null || passkey is null)
        {
            return new(false, localizer["Passkey_NotFound"]);
        }

        if (!await stepUp.IsFreshAsync(principal))
        {
            return new(false, localizer["StepUp_Required"]);
        }

        if (principal.HasClaim(VendorRiskClaimTypes.PasskeyRequired, "true") && (await users.GetPasskeysAsync(user)).Count <= 1)
        {
            return new(false, localizer["Passkey_LastRequired"]);
        }

        var result = await users.RemovePasskeyAsync(user, passkey.CredentialId);
        if (!result.Succeeded)
        {
            return new(false, localizer["Passkey_NotFound"]);
        }

        await events.RecordAsync(SecurityEventKind.PasskeyRemoved, user.Id, user.Email, detail: passkey.Name);
        return new(true, localizer["Passkey_Removed", passkey.Name ?? string.Empty]);
    }

    private async Task<(ApplicationUser? User, UserPasskeyInfo? Passkey)> FindAsync(ClaimsPrincipal principal, string id)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !TryDecode(id, out var credentialId))
        {
            return (user, null);
        }

        return (user, await users.GetPasskeyAsync(user, credentialId));
    }

    private static string Base64UrlId(byte[] id) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(id);

    private static bool TryDecode(string id, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(id) || id.Length > 1400)
        {
            return false;
        }

        try
        {
            bytes = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
