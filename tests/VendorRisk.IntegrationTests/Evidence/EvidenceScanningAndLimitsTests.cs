using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Tests.Evidence;
using VendorRisk.Web.Features.Evidence;
using static VendorRisk.IntegrationTests.Evidence.EvidenceTestData;

namespace VendorRisk.IntegrationTests.Evidence;

/// <summary>Malware scanning with a real clamd, quarantine, quota and the hostile-upload suite, each on an app of its own settings.</summary>
public sealed class EvidenceScanningAndLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<VendorRiskAppFactory> StartAsync(DatabaseProvider provider, Dictionary<string, string> settings)
    {
        settings["Evidence:BackgroundEnabled"] = "false";
        settings["Security:SignInAttemptsPerMinutePerAddress"] = "100000";
        return VendorRiskAppFactory.StartAsync(provider, settings: settings);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Clamd_refuses_the_eicar_string_records_it_and_passes_a_clean_file(DatabaseProvider provider)
    {
        await using var clamd = await Clamd.StartAsync();
        await using var app = await StartAsync(provider, new() { ["Evidence:ClamAv:SocketPath"] = clamd.SocketPath });
        var vendor = await VendorOrg.CreateAsync(app);
        await using var scope = app.ScopeFor(vendor.Admin);
        var service = scope.ServiceProvider.GetRequiredService<EvidenceService>();
        Assert.True(service.ScannerConfigured);

        var infected = await service.CreateDocumentAsync(Certificate(), Upload(Encoding.ASCII.GetBytes(EvidenceSamples.Eicar), "policy.txt"), Ct);
        Assert.False(infected.Succeeded);
        Assert.Contains("malware scanner found a threat", infected.Error, StringComparison.Ordinal);
        Assert.Empty(await service.ListLibraryAsync(Ct));
        Assert.False(Directory.Exists(StorageRoot(app)) && Directory.EnumerateFiles(StorageRoot(app), "*", SearchOption.AllDirectories).Any());

        await using (var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var found = await db.SecurityEvents.SingleAsync(e => e.Kind == SecurityEventKind.EvidenceMalwareFound && e.OrganisationId == vendor.Organisation.Id, Ct);
            Assert.Contains("Eicar", found.Detail, StringComparison.OrdinalIgnoreCase);
        }

        var clean = await service.CreateDocumentAsync(Certificate(), Upload(EvidenceSamples.Pdf()), Ct);
        Assert.True(clean.Succeeded, clean.Error);
        var row = Assert.Single(await service.ListLibraryAsync(Ct));
        Assert.Equal(EvidenceScanStatus.Clean, row.Current!.ScanStatus);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_file_uploaded_while_the_scanner_is_down_stays_quarantined_until_a_rescan_finds_it_clean(DatabaseProvider provider)
    {
        var socketFolder = Directory.CreateTempSubdirectory("vendorrisk-clamd-late-").FullName;
        var socket = Path.Combine(socketFolder, "clamd.sock");
        await using var app = await StartAsync(provider, new() { ["Evidence:ClamAv:SocketPath"] = socket });
        var vendor = await VendorOrg.CreateAsync(app);
        var (_, cleanId) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(padding: 150_000));
        var (_, badId) = await UploadAsync(app, vendor.Admin, Encoding.ASCII.GetBytes("notes\n" + EvidenceSamples.Eicar + "\n"), "notes.txt");
        Assert.Equal(EvidenceScanStatus.Pending, (await VersionAsync(app, cleanId)).ScanStatus);

        // One sign-in for the whole test: an authenticator code is accepted once.
        using var client = await SignedInClientAsync(app, vendor.Admin);
        using (var quarantined = await client.GetAsync(new Uri($"/evidence/files/{cleanId}/download", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, quarantined.StatusCode);
            Assert.Contains("quarantine", await quarantined.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await using var clamd = await Clamd.StartAsync(socket);
        await using (var maintenance = app.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await maintenance.ServiceProvider.GetRequiredService<EvidenceMaintenance>().RescanPendingAsync(Ct));
        }

        Assert.Equal(EvidenceScanStatus.Clean, (await VersionAsync(app, cleanId)).ScanStatus);
        var bad = await VersionAsync(app, badId);
        Assert.Equal(EvidenceScanStatus.Infected, bad.ScanStatus);
        Assert.Contains("Eicar", bad.ScanDetail, StringComparison.OrdinalIgnoreCase);

        using (var served = await client.GetAsync(new Uri($"/evidence/files/{cleanId}/download", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(EvidenceSamples.Pdf(padding: 150_000), await served.Content.ReadAsByteArrayAsync(Ct));
        }

        using var refused = await client.GetAsync(new Uri($"/evidence/files/{badId}/download", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Directory.Delete(socketFolder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_tenant_quota_counts_every_version_and_refuses_the_upload_that_would_exceed_it(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, new() { ["Evidence:TenantQuotaBytes"] = "2500", ["Evidence:MaxFileBytes"] = "2000" });
        var vendor = await VendorOrg.CreateAsync(app);
        var other = await VendorOrg.CreateAsync(app);
        var file = EvidenceSamples.Pdf(padding: 1300); // ~1.4 KB
        await UploadAsync(app, vendor.Admin, file);
        var second = await WithServiceAsync(app, vendor.Admin, s => s.CreateDocumentAsync(Certificate(), Upload(file), Ct));
        Assert.False(second.Succeeded);
        Assert.Contains("storage", second.Error, StringComparison.Ordinal);

        // Another tenant's quota is its own.
        await UploadAsync(app, other.Admin, file);
        Assert.Equal(file.Length, (await WithServiceAsync(app, vendor.Admin, s => s.StorageUseAsync(Ct))).Used);
    }

    /// <summary>
    /// At least 200 generated hostile files, each refused with a message or stored correctly (and
    /// then read back identical); the app keeps answering; nothing partial is left on disk.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_hostile_upload_suite_is_refused_or_stored_correctly_and_leaves_nothing_partial(DatabaseProvider provider)
    {
        const int limit = 64 * 1024;
        await using var app = await StartAsync(provider, new() { ["Evidence:MaxFileBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Evidence:MaxArchiveExpandedBytes"] = (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var vendor = await VendorOrg.CreateAsync(app);
        var cases = HostileFiles(limit).ToList();
        Assert.True(cases.Count >= 200, $"{cases.Count} cases");
        var stored = 0;
        await using (var scope = app.ScopeFor(vendor.Admin))
        {
            var service = scope.ServiceProvider.GetRequiredService<EvidenceService>();
            foreach (var (label, content, name, accept) in cases)
            {
                var result = await service.CreateDocumentAsync(Certificate(label), Upload(content, name), Ct);
                Assert.True(accept == result.Succeeded, $"{label}: {(result.Succeeded ? "stored" : result.Error)}");
                if (!result.Succeeded)
                {
                    Assert.False(string.IsNullOrWhiteSpace(result.Error), label);
                    continue;
                }

                stored++;
                var details = await service.GetDocumentAsync(result.Id!.Value, Ct);
                var version = details!.Versions[0];
                Assert.True(version.FileName.Length <= FileNames.MaxLength, label);
                Assert.DoesNotContain('/', version.FileName);
                Assert.DoesNotContain('\\', version.FileName);
                Assert.DoesNotContain("..", version.FileName, StringComparison.Ordinal);
            }
        }

        // Every stored file reads back identical; the storage holds exactly those files and nothing partial.
        using var client = await SignedInClientAsync(app, vendor.Admin);
        var library = await WithServiceAsync(app, vendor.Admin, s => s.ListLibraryAsync(Ct));
        Assert.Equal(stored, library.Count);
        foreach (var document in library.Take(20))
        {
            using var response = await client.GetAsync(new Uri($"/evidence/files/{document.Current!.Id}/download", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(cases.First(c => c.Label == document.Title).Content, await response.Content.ReadAsByteArrayAsync(Ct));
        }

        Assert.Equal(stored, Directory.GetFiles(StorageRoot(app), "*", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(IncomingFolder(app)));
        using var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static IEnumerable<(string Label, byte[] Content, string? Name, bool Accept)> HostileFiles(int limit)
    {
        var random = new Random(20261128);
        var pdf = EvidenceSamples.Pdf(padding: 500);
        var png = EvidenceSamples.Png();
        var docx = EvidenceSamples.Docx();

        // Truncated at every twentieth of the file.
        for (var i = 1; i < 20; i++)
        {
            yield return ($"truncated pdf {i}", pdf[..(pdf.Length * i / 20)], "c.pdf", false);
            yield return ($"truncated png {i}", png[..(png.Length * i / 20)], "c.png", false);
            yield return ($"truncated docx {i}", docx[..(docx.Length * i / 20)], "c.docx", false);
        }

        // Wrong magic: binary noise (with NUL bytes) under accepted names.
        string[] names = ["c.pdf", "c.png", "c.jpg", "c.docx", "c.xlsx", "c.txt", "c.csv"];
        for (var i = 0; i < 80; i++)
        {
            var noise = new byte[random.Next(16, 4096)];
            random.NextBytes(noise);
            noise[random.Next(noise.Length)] = 0;
            noise[0] = 0xFE; // never a valid start of UTF-8 text
            yield return ($"noise {i}", noise, names[i % names.Length], false);
        }

        // Executables, scripts with NULs, archives that are not office documents.
        yield return ("pe", [0x4D, 0x5A, .. new byte[200]], "c.pdf", false);
        yield return ("elf", [0x7F, 0x45, 0x4C, 0x46, .. new byte[200]], "c.pdf", false);
        yield return ("gif", [.. "GIF89a"u8.ToArray(), 1, 0, 1, 0, 0, 0, 0], "c.png", false);
        yield return ("utf16", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("hello")], "c.txt", false);
        yield return ("plain zip", EvidenceSamples.Zip([("a.txt", "x"u8.ToArray())]), "c.docx", false);
        yield return ("macro docx", EvidenceSamples.Zip([("[Content_Types].xml", "<T/>"u8.ToArray()), ("word/document.xml", "<d/>"u8.ToArray()), ("word/vbaProject.bin", [1])]), "c.docm", false);
        yield return ("traversal zip", EvidenceSamples.Zip([("[Content_Types].xml", "<T/>"u8.ToArray()), ("word/document.xml", "<d/>"u8.ToArray()), ("../evil.sh", [1])]), "c.docx", false);

        // Zip bombs, small and compressed hard.
        foreach (var mb in new[] { 5, 8, 16, 32, 64 })
        {
            yield return ($"zip bomb {mb} MB", EvidenceSamples.ZipBomb(mb * 1024L * 1024), "c.docx", false);
        }

        // Office documents with too many parts.
        yield return ("too many parts", EvidenceSamples.Docx(extraEntries: 2_100), "c.docx", false);

        // Empty, exactly at the limit, one byte over, far over.
        yield return ("empty", [], "c.pdf", false);
        yield return ("at limit", Exactly(limit), "c.pdf", true);
        yield return ("one byte over", Exactly(limit + 1), "c.pdf", false);
        yield return ("far over", Exactly(limit * 3), "c.pdf", false);

        // Polyglots: judged by their first bytes, stored as what they are.
        for (var i = 0; i < 10; i++)
        {
            yield return ($"html ending like a pdf {i}", Encoding.UTF8.GetBytes($"<html><script>alert({i})</script></html>\n%%EOF\n"), "c.pdf", true);
            yield return ($"pdf with a zip inside {i}", [.. pdf[..^6], .. docx, .. "\n%%EOF\n"u8.ToArray()], "c.pdf", true);
        }

        // Names: huge, traversal, control characters, reserved characters, right-to-left tricks — the file is fine, the name is cleaned.
        for (var i = 0; i < 20; i++)
        {
            yield return ($"huge name {i}", pdf, new string((char)('a' + i), 5_000 + i) + ".pdf", true);
            yield return ($"traversal name {i}", pdf, string.Concat(Enumerable.Repeat("../", i + 1)) + $"etc/passwd{i}", true);
        }

        string[] nasty = ["con.pdf", "a\0b.pdf", "x\r\nContent-Type: text/html.pdf", "r\u202Efdp.exe", "\"quoted\".pdf", "semi;colon.pdf", "%2e%2e%2fevil.pdf", "C:\\windows\\system32\\a.pdf", "\\\\server\\share\\b.pdf", "🙂.pdf"];
        foreach (var name in nasty)
        {
            yield return ($"nasty name {name.GetHashCode(StringComparison.Ordinal)}", pdf, name, true);
        }

        // Valid files of every kind, for contrast.
        yield return ("valid png", png, "p.png", true);
        yield return ("valid jpeg", EvidenceSamples.Jpeg(), "p.jpg", true);
        yield return ("valid docx", docx, "p.docx", true);
        yield return ("valid xlsx", EvidenceSamples.Xlsx(), "p.xlsx", true);
        yield return ("valid csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"), "p.csv", true);
    }

    private static byte[] Exactly(int length)
    {
        var bytes = new byte[length];
        using var stream = new GeneratedPdfStream(length);
        stream.ReadExactly(bytes);
        return bytes;
    }
}
