using Microsoft.Extensions.Localization;

namespace VendorRisk.Web.Auth.Passkeys;

/// <summary>What <c>wwwroot/js/passkeys.js</c> returns to an interactive component: success, or why not.</summary>
public sealed record PasskeyScriptResult(bool Ok, string? Reason, string? Message, string? Redirect)
{
    /// <summary>The message to show for a failed ceremony: the server's own (already localised), else one for the browser's reason.</summary>
    public static string MessageFor(PasskeyScriptResult result, IStringLocalizer<SharedResource> localizer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(localizer);
        return !string.IsNullOrEmpty(result.Message) ? result.Message
            : result.Reason switch
            {
                "unsupported" => localizer["Passkey_Unsupported"],
                "cancelled" => localizer["Passkey_Cancelled"],
                _ => localizer["Passkey_Failed"],
            };
    }
}
