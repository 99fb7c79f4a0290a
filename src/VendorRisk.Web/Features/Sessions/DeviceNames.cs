namespace VendorRisk.Web.Features.Sessions;

/// <summary>A short "browser on system" label from a user agent, for people to recognise their sessions.</summary>
public static class DeviceNames
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    /// <summary>"Firefox · Windows"; the raw user agent (shortened) when nothing is recognised; empty for none.</summary>
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return string.Empty;
        }

        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => userAgent.Length <= 60 ? userAgent : userAgent[..60] + "…",
            (not null, null) => browser,
            (null, not null) => system,
            _ => $"{browser} · {system}",
        };
    }
}
