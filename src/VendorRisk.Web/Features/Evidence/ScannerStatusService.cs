using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Evidence;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Evidence;

/// <summary>
/// The malware scanner as the admin page shows it: whether one is configured, whether it answers
/// (with its engine and signature versions when it tells), and how many of the organisation's own
/// stored files wait for a scan, were found infected, are clean, or were stored without a scanner.
/// </summary>
/// <param name="Configured">False: no scanner is configured; files are stored and served "not scanned".</param>
/// <param name="Probe">The scanner's answer; null when none is configured.</param>
/// <param name="Counts">Files (all versions) of the current organisation by scan status; every status is present.</param>
/// <param name="RetryInterval">How often files waiting for a scan are retried.</param>
/// <param name="CheckedAtUtc">When the scanner was asked.</param>
public sealed record ScannerStatus(
    bool Configured,
    ScannerProbe? Probe,
    IReadOnlyDictionary<EvidenceScanStatus, int> Counts,
    TimeSpan RetryInterval,
    DateTimeOffset CheckedAtUtc)
{
    public int CountOf(EvidenceScanStatus status) => Counts.GetValueOrDefault(status);
}

/// <summary>Reads the scanner's status for the page (policy <see cref="Policies.ScannerStatusRead"/>).</summary>
public sealed class ScannerStatusService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    CurrentUser currentUser,
    IMalwareScanner scanner,
    EvidenceOptions options,
    TimeProvider clock)
{
    public async Task<ScannerStatus> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!currentUser.Principal.Allows(Policies.ScannerStatusRead))
        {
            throw new UnauthorizedAccessException();
        }

        var probe = scanner.IsConfigured ? await scanner.ProbeAsync(cancellationToken) : null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // The tenant filter keeps this to the organisation's own files.
        var grouped = await db.VaultVersions.AsNoTracking()
            .GroupBy(v => v.ScanStatus)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var counts = Enum.GetValues<EvidenceScanStatus>().ToDictionary(s => s, s => grouped.Where(g => g.Status == s).Sum(g => g.Count));
        return new ScannerStatus(scanner.IsConfigured, probe, counts, options.BackgroundInterval, clock.GetUtcNow());
    }
}
