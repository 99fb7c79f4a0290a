using System.Diagnostics;

namespace VendorRisk.IntegrationTests.Startup;

/// <summary>
/// Runs the real app as an operator would, with a broken setting: it must stop with a non-zero
/// exit code and one log line that names the setting to fix.
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task An_unknown_provider_stops_the_app_and_names_the_setting()
    {
        var (exitCode, output) = await RunAppAsync(new() { ["Database__Provider"] = "Oracle" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Database:Provider is 'Oracle'; it must be 'Sqlite' or 'Postgres'.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_the_app_and_names_the_setting()
    {
        var (exitCode, output) = await RunAppAsync(new() { ["Database__Provider"] = "Postgres" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Database:ConnectionString is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_stops_the_app_and_names_the_setting_without_the_password()
    {
        var (exitCode, output) = await RunAppAsync(new()
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=vendorrisk;Username=app;Password=s3cret-value;Timeout=3",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("could not be opened or migrated (host 127.0.0.1:1, database vendorrisk)", output, StringComparison.Ordinal);
        Assert.Contains("Database:ConnectionString", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_written_stops_the_app_and_names_the_setting()
    {
        var blocker = Path.Combine(Path.GetTempPath(), $"vendorrisk-blocker-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(blocker, "a file where the data folder should be", TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, output) = await RunAppAsync(new() { ["Database__DataDirectory"] = Path.Combine(blocker, "data") });

            Assert.Equal(1, exitCode);
            Assert.Contains("Database:DataDirectory", output, StringComparison.Ordinal);
            Assert.Contains("cannot be written", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAppAsync(Dictionary<string, string> environment)
    {
        var appPath = typeof(Program).Assembly.Location;
        var workingDirectory = Path.Combine(Path.GetTempPath(), $"vendorrisk-start-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet", [appPath])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__DataDirectory"] = Path.Combine(workingDirectory, "data");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not stop on a broken setting: it should exit at once.");
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
