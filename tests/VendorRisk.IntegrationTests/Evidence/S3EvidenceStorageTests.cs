using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Tests.Evidence;
using static VendorRisk.IntegrationTests.Evidence.EvidenceTestData;

namespace VendorRisk.IntegrationTests.Evidence;

/// <summary>
/// The S3-compatible store against a real S3 server (s3rver): the store on its own, then the whole
/// vault with <c>Evidence:Storage = S3</c> (upload, download, delete, tampered and missing objects).
/// </summary>
public sealed class S3EvidenceStorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static S3StorageOptions Options() => new() { BucketName = S3rver.Bucket, Prefix = "evidence/" };

    [Fact]
    public async Task The_store_writes_reads_and_deletes_objects_under_its_prefix_and_leaves_no_spool_file()
    {
        await using var server = await S3rver.StartAsync();
        using var client = server.CreateClient();
        var spool = Directory.CreateTempSubdirectory("vendorrisk-s3spool-").FullName;
        var storage = new S3EvidenceStorage(client, Options(), spool);
        var key = EvidenceStorageKeys.New(Guid.NewGuid());
        var content = new byte[300_000];
        Random.Shared.NextBytes(content);

        await storage.WriteAsync(key, (stream, token) => stream.WriteAsync(content, token).AsTask(), Ct);

        Assert.Empty(Directory.EnumerateFiles(spool));
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rver.Bucket }, Ct);
        Assert.Equal("evidence/" + key, Assert.Single(listed.S3Objects).Key);
        await using (var read = await storage.OpenReadAsync(key, Ct))
        {
            Assert.NotNull(read);
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, Ct);
            Assert.Equal(content, copy.ToArray());
        }

        await storage.DeleteAsync(key, Ct);
        Assert.Null(await storage.OpenReadAsync(key, Ct));
        Assert.Empty((await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rver.Bucket }, Ct)).S3Objects ?? []);
    }

    [Fact]
    public async Task A_missing_object_reads_as_null_and_a_failed_write_leaves_neither_object_nor_spool()
    {
        await using var server = await S3rver.StartAsync();
        using var client = server.CreateClient();
        var spool = Directory.CreateTempSubdirectory("vendorrisk-s3spool-").FullName;
        var storage = new S3EvidenceStorage(client, Options(), spool);

        Assert.Null(await storage.OpenReadAsync(EvidenceStorageKeys.New(Guid.NewGuid()), Ct));

        var key = EvidenceStorageKeys.New(Guid.NewGuid());
        await Assert.ThrowsAsync<IOException>(() => storage.WriteAsync(key, async (stream, token) =>
        {
            await stream.WriteAsync(new byte[1000], token);
            throw new IOException("the upload broke off");
        }, Ct));
        Assert.Null(await storage.OpenReadAsync(key, Ct));
        Assert.Empty(Directory.EnumerateFiles(spool));

        // Keys are the vault's own: anything else is refused before a request is made.
        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync("../etc/passwd", Ct));
    }

    [Fact]
    public async Task A_bucket_that_does_not_exist_is_an_error_not_a_missing_file()
    {
        await using var server = await S3rver.StartAsync();
        using var client = server.CreateClient();
        var storage = new S3EvidenceStorage(client, new S3StorageOptions { BucketName = "no-such-bucket" }, Directory.CreateTempSubdirectory("vendorrisk-s3spool-").FullName);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => storage.OpenReadAsync(EvidenceStorageKeys.New(Guid.NewGuid()), Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("NoSuchBucket", error.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_vault_on_s3_serves_its_files_and_reports_tampered_or_missing_objects(DatabaseProvider provider)
    {
        await using var server = await S3rver.StartAsync();
        S3Credentials.UseForThisProcess();
        await using var app = await VendorRiskAppFactory.StartAsync(provider, settings: new Dictionary<string, string>
        {
            ["Evidence:Storage"] = "S3",
            ["Evidence:S3:BucketName"] = S3rver.Bucket,
            ["Evidence:S3:ServiceUrl"] = server.ServiceUrl,
            ["Evidence:S3:Region"] = "us-east-1",
            ["Evidence:BackgroundEnabled"] = "false",
        });
        Assert.IsType<S3EvidenceStorage>(app.Services.GetRequiredService<IEvidenceStorage>());
        var vendor = await VendorOrg.CreateAsync(app);
        var pdf = EvidenceSamples.Pdf(padding: 100_000);
        var (_, goodId) = await UploadAsync(app, vendor.Admin, pdf);
        var (_, tamperedId) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(padding: 100_000));
        var (_, missingId) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf());

        using var s3 = server.CreateClient();
        var objects = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rver.Bucket }, Ct)).S3Objects;
        Assert.Equal(3, objects.Count);
        var goodKey = "evidence/" + (await VersionAsync(app, goodId)).StorageKey;
        Assert.Contains(objects, o => o.Key == goodKey);

        // Encrypted at rest: the object is not the PDF.
        using (var stored = await s3.GetObjectAsync(S3rver.Bucket, goodKey, Ct))
        using (var copy = new MemoryStream())
        {
            await stored.ResponseStream.CopyToAsync(copy, Ct);
            Assert.Equal(-1, copy.ToArray().AsSpan().IndexOf("%PDF"u8));
            Assert.NotEqual(pdf.Length, copy.Length);
        }

        // Tamper one byte of an object (rewritten through the S3 API), delete another.
        var tamperedKey = "evidence/" + (await VersionAsync(app, tamperedId)).StorageKey;
        byte[] bytes;
        using (var stored = await s3.GetObjectAsync(S3rver.Bucket, tamperedKey, Ct))
        using (var copy = new MemoryStream())
        {
            await stored.ResponseStream.CopyToAsync(copy, Ct);
            bytes = copy.ToArray();
        }

        bytes[70_000] ^= 0x01;
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = S3rver.Bucket, Key = tamperedKey, InputStream = new MemoryStream(bytes) }, Ct);
        await s3.DeleteObjectAsync(S3rver.Bucket, "evidence/" + (await VersionAsync(app, missingId)).StorageKey, Ct);

        using var client = await SignedInClientAsync(app, vendor.Admin);
        using (var response = await client.GetAsync(new Uri($"/evidence/files/{goodId}/download", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync(Ct));
        }

        foreach (var id in new[] { tamperedId, missingId })
        {
            using var response = await client.GetAsync(new Uri($"/evidence/files/{id}/download", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("integrity", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("%PDF", body, StringComparison.Ordinal);
        }

        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var events = await db.SecurityEvents.Where(e => e.OrganisationId == vendor.Organisation.Id && e.Kind == SecurityEventKind.EvidenceIntegrityFailed).ToListAsync(Ct);
        Assert.Contains(events, e => e.Detail!.Contains(tamperedId.ToString(), StringComparison.Ordinal) && e.Detail.Contains("Tampered", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Detail!.Contains(missingId.ToString(), StringComparison.Ordinal) && e.Detail.Contains("Missing", StringComparison.Ordinal));
    }
}

/// <summary>
/// The app takes S3 credentials from the SDK's usual chain (never from its settings), so the test
/// gives it s3rver's fixed ones through the environment, as an operator would. Nothing else in the
/// test process uses AWS, and the values are the same for every test.
/// </summary>
internal static class S3Credentials
{
    public static void UseForThisProcess()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3rver.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3rver.SecretKey);
    }
}
