using Microsoft.Extensions.Localization;
using MudBlazor;

namespace VendorRisk.Web.Localization;

/// <summary>
/// Gives MudBlazor's own texts (pager, grid menus, close buttons…) in the user's language from our
/// resources (keys prefixed <c>Mud_</c>); keys we do not translate fall back to MudBlazor's English.
/// </summary>
internal sealed class VendorRiskMudLocalizer(IStringLocalizer<SharedResource> texts) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = texts[$"Mud_{key}"];
            return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
        }
    }
}
