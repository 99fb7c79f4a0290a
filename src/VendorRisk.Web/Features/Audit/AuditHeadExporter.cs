using Microsoft.Extensions.Options;
using VendorRisk.Infrastructure.Audit;

namespace VendorRisk.Web.Features.Audit;

/// <summary>
/// Every <see cref="AuditOptions.HeadExportInterval"/>, appends the head (sequence and hash) of
/// every chain that grew since the last export to the head file, outside the database. The
/// verifier compares each chain with its last exported head, which catches a deleted tail or a
/// chain rebuilt from scratch by someone able to bypass the triggers.
/// </summary>
public sealed partial class AuditHeadExporter(
    IServiceScopeFactory scopes,
    AuditHeadFile file,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<AuditHeadExporter> logger) : BackgroundService
{
    /// <summary>Exports the heads that changed since the file's last line for each chain; returns how many lines were written.</summary>
    public async Task<int> ExportOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
        var known = file.ReadLastHeads();
        var changed = (await verifier.CurrentHeadsAsync(clock.GetUtcNow(), cancellationToken))
            .Where(h => !known.TryGetValue(h.Chain, out var last) || last.Sequence != h.Sequence || last.Hash != h.Hash)
            .OrderBy(h => h.Chain)
            .ToList();
        if (changed.Count > 0)
        {
            file.Append(changed);
        }

        return changed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeadExportInterval, clock);
        do
        {
            try
            {
                await ExportOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A full disk or a database hiccup must not stop the app; the next tick retries.
                LogExportFailed(logger, file.Path, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit chain heads could not be exported to {Path}.")]
    private static partial void LogExportFailed(ILogger logger, string path, Exception exception);
}
