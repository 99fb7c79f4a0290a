using MudBlazor;

namespace VendorRisk.Web.Components.Layout;

/// <summary>
/// The product's theme. Colours are chosen for WCAG 2.1 AA contrast (at least 4.5:1 for text on
/// the app bar, buttons and links).
/// </summary>
internal static class VendorRiskTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4e89",
            Secondary = "#00695c",
            AppbarBackground = "#1d4e89",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2933",
            TextPrimary = "#1f2933",
            TextSecondary = "#4a5563",
            Error = "#b3261e",
            Warning = "#8a5300",
            Success = "#1e6b2d",
            Info = "#1d4e89",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
