using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Audit;

namespace VendorRisk.IntegrationTests.Startup;

/// <summary>
/// <c>audit verify</c> run as an operator would, as a separate process on a database of each
/// provider: 0 when every chain verifies, 1 and a line naming the broken chain otherwise.
/// </summary>
public sealed class AuditVerifyCommandTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Audit_verify_exits_zero_on_intact_chains_and_one_naming_the_broken_chain(DatabaseProvider provider)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(provider);
        var intact = await app.CreateOrganisationAsync(OrganisationKind.Hospital, "Intact hospital");
        var tampered = await app.CreateOrganisationAsync(OrganisationKind.Hospital, "Tampered hospital");
        await app.AppendAsync(intact.Id, 3);
        await app.AppendAsync(tampered.Id, 4);
        await app.Services.GetRequiredService<AuditHeadExporter>().ExportOnceAsync(TestContext.Current.CancellationToken);

        var (okCode, okOutput) = await RunVerifyAsync(app.Database);

        Assert.True(okCode == 0, okOutput);
        Assert.Contains($"OK     chain {intact.Id} (Intact hospital): 3 entries", okOutput, StringComparison.Ordinal);
        Assert.Contains("audit chains verify.", okOutput, StringComparison.Ordinal);

        await app.TamperAsync($"UPDATE \"AuditEvents\" SET \"Action\" = 'Nothing.Happened' WHERE \"TenantId\" = {tampered.Id} AND \"Sequence\" = 2");
        var (brokenCode, brokenOutput) = await RunVerifyAsync(app.Database);

        Assert.Equal(1, brokenCode);
        Assert.Contains($"BROKEN chain {tampered.Id} (Tampered hospital): first broken link at entry 2 (Modified)", brokenOutput, StringComparison.Ordinal);
        Assert.Contains($"OK     chain {intact.Id}", brokenOutput, StringComparison.Ordinal);

        // Cutting the tail leaves a valid shorter chain: the exported head still catches it.
        await app.TamperAsync($"DELETE FROM \"AuditEvents\" WHERE \"TenantId\" = {intact.Id} AND \"Sequence\" = 3");
        var (_, truncatedOutput) = await RunVerifyAsync(app.Database);
        Assert.Contains($"BROKEN chain {intact.Id} (Intact hospital): first broken link at entry 3 (Truncated)", truncatedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_exits_two_when_it_cannot_read_the_log()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite); // never migrated: no audit table

        var (code, output) = await RunVerifyAsync(database);

        Assert.Equal(2, code);
        Assert.Contains("audit verify: the audit log could not be read", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunVerifyAsync(TestDatabase database)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "audit", "verify"])
        {
            WorkingDirectory = database.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["Database__DataDirectory"] = database.Directory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";

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
            throw new TimeoutException("audit verify did not finish: it must not start the web host.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
