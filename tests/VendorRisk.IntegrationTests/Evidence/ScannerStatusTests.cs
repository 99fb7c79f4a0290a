using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Tests.Evidence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.Evidence;
using static VendorRisk.IntegrationTests.Evidence.EvidenceTestData;

namespace VendorRisk.IntegrationTests.Evidence;

/// <summary>The scanner status of the admin page, with no scanner, a scanner that is down, and a real clamd.</summary>
public sealed class ScannerStatusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<VendorRiskAppFactory> StartAsync(DatabaseProvider provider, Dictionary<string, string> settings)
    {
        settings["Evidence:BackgroundEnabled"] = "false";
        return VendorRiskAppFactory.StartAsync(provider, settings: settings);
    }

    private static async Task<ScannerStatus> StatusAsync(VendorRiskAppFactory app, TestUser user)
    {
        await using var scope = app.ScopeFor(user);
        return await scope.ServiceProvider.GetRequiredService<ScannerStatusService>().GetAsync(Ct);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Without_a_scanner_the_status_says_so_and_files_count_as_not_scanned(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, []);
        var vendor = await VendorOrg.CreateAsync(app);
        await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf());

        var status = await StatusAsync(app, vendor.Admin);
        Assert.False(status.Configured);
        Assert.Null(status.Probe);
        Assert.Equal(1, status.CountOf(EvidenceScanStatus.NotScanned));
        Assert.Equal(0, status.CountOf(EvidenceScanStatus.Pending) + status.CountOf(EvidenceScanStatus.Clean) + status.CountOf(EvidenceScanStatus.Infected));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_scanner_that_is_down_is_reported_unreachable_then_reachable_with_its_version_once_it_starts(DatabaseProvider provider)
    {
        var socketFolder = Directory.CreateTempSubdirectory("vendorrisk-clamd-status-").FullName;
        var socket = Path.Combine(socketFolder, "clamd.sock");
        await using var app = await StartAsync(provider, new() { ["Evidence:ClamAv:SocketPath"] = socket });
        var vendor = await VendorOrg.CreateAsync(app);
        var other = await VendorOrg.CreateAsync(app);
        await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf());
        await UploadAsync(app, vendor.Admin, Encoding.ASCII.GetBytes("notes\n" + EvidenceSamples.Eicar + "\n"), "notes.txt");

        var down = await StatusAsync(app, vendor.Admin);
        Assert.True(down.Configured);
        Assert.False(down.Probe!.Reachable);
        Assert.Contains("unreachable", down.Probe.Detail, StringComparison.Ordinal);
        Assert.Equal(2, down.CountOf(EvidenceScanStatus.Pending));

        await using var clamd = await Clamd.StartAsync(socket);
        await using (var maintenance = app.Services.CreateAsyncScope())
        {
            await maintenance.ServiceProvider.GetRequiredService<EvidenceMaintenance>().RescanPendingAsync(Ct);
        }

        var up = await StatusAsync(app, vendor.Admin);
        Assert.True(up.Probe!.Reachable);
        Assert.Matches(@"^\d+\.\d+", up.Probe.EngineVersion);
        Assert.Equal(0, up.CountOf(EvidenceScanStatus.Pending));
        Assert.Equal(1, up.CountOf(EvidenceScanStatus.Clean));
        Assert.Equal(1, up.CountOf(EvidenceScanStatus.Infected));

        // Another organisation sees the same scanner, none of these files.
        var theirs = await StatusAsync(app, other.Admin);
        Assert.True(theirs.Probe!.Reachable);
        Assert.All(Enum.GetValues<EvidenceScanStatus>(), s => Assert.Equal(0, theirs.CountOf(s)));
        Directory.Delete(socketFolder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_the_roles_of_the_policy_may_read_the_status(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, []);
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            var user = await app.CreateUserAsync(OrganisationRoles.SideOf(role) == OrganisationKind.Hospital ? hospital : vendor, role);
            await using var scope = app.ScopeFor(user);
            var service = scope.ServiceProvider.GetRequiredService<ScannerStatusService>();
            if (Policies.Roles[Policies.ScannerStatusRead].Contains(role))
            {
                Assert.False((await service.GetAsync(Ct)).Configured);
            }
            else
            {
                await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(Ct));
            }
        }

        Assert.Equal([OrganisationRole.Administrator, OrganisationRole.Ciso, OrganisationRole.VendorAdmin], Policies.Roles[Policies.ScannerStatusRead]);
    }

    [Theory]
    [InlineData("ClamAV 1.0.7/27470/Thu Nov 28 08:35:02 2026\n", "1.0.7", 27470, "2026-11-28T08:35:02Z")]
    [InlineData("ClamAV 1.4.2/27012/Tue Nov  3 09:00:00 2026\0", "1.4.2", 27012, "2026-11-03T09:00:00Z")]
    [InlineData("ClamAV 1.0.7\0", "1.0.7", null, null)]
    [InlineData("ClamAV 1.0.7/27470/garbage", "1.0.7", 27470, null)]
    public void Clamd_version_answers_are_read(string reply, string engine, int? database, string? date)
    {
        var probe = ClamAvScanner.ParseVersion(reply);
        Assert.True(probe.Reachable);
        Assert.Equal(engine, probe.EngineVersion);
        Assert.Equal(database, probe.SignatureVersion);
        Assert.Equal(date is null ? null : DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), probe.SignaturesDateUtc);
    }

    [Fact]
    public void An_answer_that_is_not_a_version_still_proves_the_scanner_is_there()
    {
        var probe = ClamAvScanner.ParseVersion("UNKNOWN COMMAND\0");
        Assert.True(probe.Reachable);
        Assert.Null(probe.EngineVersion);
        Assert.Equal("UNKNOWN COMMAND", probe.Detail);
    }
}
