using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;
using VendorRisk.Infrastructure.Demo;

namespace VendorRisk.EndToEndTests;

/// <summary>
/// `dotnet publish` output, run as in production: static assets (MudBlazor's CSS and JS, the
/// Blazor script, the app's styles) must be served without the Development-only static web
/// assets manifest, and no demo data may exist. Not in the journeys' collection: it needs no
/// live app, so the publish runs while the journeys do.
/// </summary>
public sealed partial class PublishedAppTests(Browser browser, PublishedAppTests.PublishedApp app) : IClassFixture<PublishedAppTests.PublishedApp>
{
    private readonly Uri _baseAddress = app.BaseAddress;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_published_app_serves_its_static_assets_in_production()
    {
        using var http = new HttpClient { BaseAddress = _baseAddress };
        var login = await http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative), Ct);

        var assets = AssetReference().Matches(login).Select(m => m.Groups[1].Value).Distinct().ToList();
        // Names are fingerprinted (MudBlazor.min.<hash>.css) by MapStaticAssets.
        Assert.Contains(assets, a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("app.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(new Uri("/" + asset.TrimStart('/'), UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} returned {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 0, $"{asset} is empty");
        }
    }

    [Fact]
    public async Task The_published_app_is_styled_and_has_no_demo_accounts()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(_baseAddress, "/Account/Login").ToString());

        // MudBlazor's stylesheet and the theme are applied: the primary button has the theme colour.
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
        Assert.Equal("rgb(29, 78, 137)", await submit.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        await page.GetByLabel("E-mail address").FillAsync(DemoData.Accounts[0].Email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await submit.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The e-mail address or the password is incorrect.");
    }

    /// <summary>
    /// The app published and started once for the class: publishing is the slow part (a
    /// `dotnet publish`), and both tests only read from the running app.
    /// </summary>
    public sealed class PublishedApp : IAsyncLifetime
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "vendorrisk-publish", Guid.NewGuid().ToString("N"));
        private Process? _app;

        public Uri BaseAddress { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            var publishDirectory = Path.Combine(_root, "app");
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var project = Path.Combine(RepositoryRoot(), "src", "VendorRisk.Web", "VendorRisk.Web.csproj");
            var (publishExit, publishOutput) = await RunToEndAsync("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", publishDirectory]);
            Assert.True(publishExit == 0, $"dotnet publish failed:\n{publishOutput}");

            var port = FreePort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(publishDirectory, "VendorRisk.Web.dll")])
            {
                WorkingDirectory = publishDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["Database__DataDirectory"] = Path.Combine(_root, "data");
            start.Environment["DemoData__Enabled"] = "true";
            _app = Process.Start(start)!;
            _app.OutputDataReceived += (_, _) => { };
            _app.ErrorDataReceived += (_, _) => { };
            _app.BeginOutputReadLine();
            _app.BeginErrorReadLine();

            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(_app.HasExited, $"The published app exited with code {(_app.HasExited ? _app.ExitCode : 0)}");
                try
                {
                    using var ready = await http.GetAsync(new Uri(BaseAddress, "/health/ready"), Ct);
                    if (ready.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                }

                Assert.True(DateTime.UtcNow < deadline, "The published app did not become ready within 60 seconds.");
                await Task.Delay(250, Ct);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is { HasExited: false })
            {
                _app.Kill(entireProcessTree: true);
                await _app.WaitForExitAsync();
            }

            _app?.Dispose();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static async Task<(int ExitCode, string Output)> RunToEndAsync(string file, string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var error = process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return (process.ExitCode, await output + await error);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VendorRisk.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("VendorRisk.sln not found above the test folder.");
        }
    }

    [GeneratedRegex("(?:href|src)=\"([^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetReference();
}
