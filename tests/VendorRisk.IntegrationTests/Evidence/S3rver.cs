using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using VendorRisk.Infrastructure.Evidence;

namespace VendorRisk.IntegrationTests.Evidence;

/// <summary>
/// A real S3-compatible server: s3rver (npm), which keeps its objects in a folder and speaks the S3
/// REST protocol with signature checks. build.sh installs it into <c>.tools/s3rver</c>; the path can
/// also be given in <c>VENDORRISK_S3RVER</c>. Its fixed credentials are S3RVER / S3RVER.
/// </summary>
public sealed class S3rver : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "vendorrisk-evidence";

    private readonly Process _process;

    private S3rver(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        ServiceUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary>Where s3rver keeps the buckets' objects.</summary>
    public string Directory { get; }

    public string ServiceUrl { get; }

    public static async Task<S3rver> StartAsync()
    {
        var executable = Locate();
        var directory = System.IO.Directory.CreateTempSubdirectory("vendorrisk-s3rver-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo(executable, ["-d", directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        var server = new S3rver(process, directory, port);
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = server.CreateClient();
                await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = Bucket });
                return server;
            }
            catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or IOException or SocketException)
            {
                await Task.Delay(200);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("s3rver did not start within 60 s.");
    }

    /// <summary>A client with s3rver's credentials and the app's own client settings (<see cref="S3EvidenceStorage.CreateConfig"/>).</summary>
    public AmazonS3Client CreateClient() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), S3EvidenceStorage.CreateConfig(new S3StorageOptions { ServiceUrl = ServiceUrl, Region = "us-east-1" }));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
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

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("VENDORRISK_S3RVER") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"VENDORRISK_S3RVER names {configured}, which does not exist.");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, ".tools", "s3rver", "node_modules", ".bin", "s3rver");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("s3rver is missing: ./build.sh test installs it into .tools/s3rver (npm), or set VENDORRISK_S3RVER.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
