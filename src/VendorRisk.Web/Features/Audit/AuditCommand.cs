using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Audit;

/// <summary>
/// <c>dotnet VendorRisk.Web.dll audit verify</c>: walks every audit chain in the database against
/// the last heads in the head file and prints one line per chain. Exit code 0 when every chain
/// verifies, 1 when at least one is broken, 2 when the check could not run. It reads only: it
/// neither migrates the database nor starts the web host.
/// </summary>
internal static class AuditCommand
{
    public static bool IsAuditCommand(string[] args) =>
        args.Length > 0 && string.Equals(args[0], "audit", StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2 || !string.Equals(args[1], "verify", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync("Usage: audit verify   (checks every audit chain; exit code 0 = intact, 1 = broken, 2 = could not check)");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var heads = scope.ServiceProvider.GetRequiredService<AuditHeadFile>();
        try
        {
            var results = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAllAsync(heads);
            Dictionary<Guid, string> names;
            await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
            {
                names = await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Name);
            }

            Console.WriteLine(File.Exists(heads.Path) ? $"Head file: {heads.Path}" : $"Head file: {heads.Path} (not written yet: truncation cannot be detected)");
            foreach (var result in results)
            {
                var name = result.Chain == AuditChain.PlatformChain ? "platform" : names.GetValueOrDefault(result.Chain, "unknown organisation");
                Console.WriteLine(result.FirstBreak is { } broken
                    ? $"BROKEN chain {result.Chain} ({name}): first broken link at entry {broken.Sequence} ({broken.Kind}): {broken.Detail}"
                    : $"OK     chain {result.Chain} ({name}): {result.Entries} entries, head {result.HeadHash}");
            }

            var brokenCount = results.Count(r => !r.IsIntact);
            Console.WriteLine(brokenCount == 0
                ? $"All {results.Count} audit chains verify."
                : $"{brokenCount} of {results.Count} audit chains are broken.");
            return brokenCount == 0 ? 0 : 1;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"audit verify: the audit log could not be read: {ex.GetBaseException().Message}");
            return 2;
        }
    }
}
