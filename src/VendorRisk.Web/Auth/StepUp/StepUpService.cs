using MudBlazor;

namespace VendorRisk.Web.Auth.StepUp;

/// <summary>
/// Step-up re-authentication for interactive components. Before a sensitive action call
/// <c>if (!await StepUp.EnsureAsync()) return;</c>: when the session has no fresh proof, a dialog
/// asks for an authenticator code or a passkey; the proof is checked and recorded on the server
/// (<see cref="StepUpVerifier"/>), and the answer is read back from there, never from the dialog.
/// The service doing the action must check <see cref="StepUpVerifier.IsFreshAsync(System.Security.Claims.ClaimsPrincipal, CancellationToken)"/> again.
/// </summary>
public sealed class StepUpService(IDialogService dialogs, StepUpVerifier verifier, CurrentUser currentUser, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
{
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await verifier.IsFreshAsync(currentUser.Principal, cancellationToken))
        {
            return true;
        }

        var options = new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await dialogs.ShowAsync<StepUpDialog>(localizer["StepUp_Title"], options);
        var result = await dialog.Result;
        return result is { Canceled: false } && await verifier.IsFreshAsync(currentUser.Principal, cancellationToken);
    }
}
