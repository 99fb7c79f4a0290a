using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using VendorRisk.Tests.Evidence;

namespace VendorRisk.IntegrationTests.Evidence;

/// <summary>
/// A real ClamAV daemon (Debian's clamav-daemon) on a Unix socket, with a one-signature database
/// made here with sigtool from the EICAR test string: official signatures cannot be downloaded in
/// the build environment, and a test must not depend on them.
/// </summary>
public sealed class Clamd : IAsyncDisposable
{
    public const string SignatureName = "VendorRiskTest.Eicar";

    private readonly Process _process;

    private Clamd(Process process, string directory, string socketPath)
    {
        _process = process;
        Directory = directory;
        SocketPath = socketPath;
    }

    public string Directory { get; }

    public string SocketPath { get; }

    /// <summary>Starts clamd listening on <paramref name="socketPath"/> (a fresh folder when null).</summary>
    public static async Task<Clamd> StartAsync(string? socketPath = null)
    {
        var clamd = Find("clamd", "/usr/sbin/clamd");
        var sigtool = Find("sigtool", "/usr/bin/sigtool");
        var directory = System.IO.Directory.CreateTempSubdirectory("vendorrisk-clamd-").FullName;
        socketPath ??= Path.Combine(directory, "clamd.sock");

        // sigtool --hex-dump turns the EICAR string into the body of an .ndb (extended) signature.
        var hex = await RunAsync(sigtool, "--hex-dump", EvidenceSamples.Eicar);
        await File.WriteAllTextAsync(Path.Combine(directory, "vendorrisk-test.ndb"), $"{SignatureName}:0:*:{hex.Trim()}\n");
        var config = Path.Combine(directory, "clamd.conf");
        await File.WriteAllTextAsync(config, $"""
            Foreground yes
            DatabaseDirectory {directory}
            LocalSocket {socketPath}
            StreamMaxLength 30M
            LogFile {Path.Combine(directory, "clamd.log")}
            Bytecode no
            """);
        var process = Process.Start(new ProcessStartInfo(clamd, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"clamd exited: {await process.StandardError.ReadToEndAsync()}");
            }

            if (File.Exists(socketPath) && await PingAsync(socketPath))
            {
                return new Clamd(process, directory, socketPath);
            }

            await Task.Delay(200);
        }

        process.Kill();
        throw new TimeoutException("clamd did not start within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<bool> PingAsync(string socketPath)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
            await socket.SendAsync("zPING\0"u8.ToArray());
            var buffer = new byte[16];
            var read = await socket.ReceiveAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Find(string name, string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{name} is missing: install clamav-daemon (./build.sh test does).");

    private static async Task<string> RunAsync(string file, string argument, string input)
    {
        using var process = Process.Start(new ProcessStartInfo(file, [argument]) { RedirectStandardInput = true, RedirectStandardOutput = true })!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
