using Microsoft.Playwright;

namespace VendorRisk.EndToEndTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. A missing browser fails the tests: './build.sh test'
/// installs it, and a journey test that passes without a browser would prove nothing.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("VENDORRISK_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium was not found at {executable}: run './build.sh test', which installs it.");
        }

        // A broken driver or browser must fail the run quickly, not hang it.
        var startup = TimeSpan.FromSeconds(90);
        _playwright = await Playwright.CreateAsync().WaitAsync(startup);
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            Timeout = (float)startup.TotalMilliseconds,
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null)
        {
            await Instance.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

public static class PageExtensions
{
    /// <summary>Waits until the page's Blazor circuit is live (menus and buttons respond).</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive='true']").WaitForAsync();
}
