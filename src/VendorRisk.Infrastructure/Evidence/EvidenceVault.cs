using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VendorRisk.Domain.Evidence;

namespace VendorRisk.Infrastructure.Evidence;

/// <summary>The result of storing one upload: the stored file and the scan verdict, or why it was refused (nothing is kept then).</summary>
public sealed record StoreOutcome(EvidenceStoredFile? File, ContentRefusal Refusal, EvidenceScanStatus ScanStatus, string? ScanDetail)
{
    public bool Stored => File is not null;
}

/// <summary>What the vault needs to read one stored version back.</summary>
public sealed record StoredVersionRef(Guid TenantId, string StorageKey, byte[] WrappedDataKey, string Sha256);

public enum VerifyOutcome
{
    Intact = 1,
    Missing = 2,
    Tampered = 3,
}

/// <summary>
/// The mechanics of the vault, below the use cases: an upload is streamed to a spool file (never
/// held in memory, cut off one byte past the limit), recognised by its content, scanned, then
/// encrypted under a fresh data key into storage; reading back authenticates every chunk and
/// compares the SHA-256 of the plaintext with the recorded one.
/// </summary>
public sealed partial class EvidenceVault(
    IEvidenceStorage storage,
    EvidenceKeyRing keys,
    IMalwareScanner scanner,
    EvidenceOptions options,
    string incomingFolder,
    ILogger<EvidenceVault> logger)
{
    public bool ScannerConfigured => scanner.IsConfigured;

    public long MaxFileBytes => options.MaxFileBytes;

    public long QuotaBytes => options.TenantQuotaBytes;

    /// <summary>
    /// Stores <paramref name="upload"/> for <paramref name="tenantId"/> if it is an accepted kind,
    /// within the file limit and within <paramref name="remainingQuotaBytes"/>. A file the scanner
    /// finds infected is never written to storage: the outcome carries the finding so the caller
    /// refuses it and records a security event. A file the scanner could not judge is stored
    /// quarantined (<see cref="EvidenceScanStatus.Pending"/>) for the background service to retry.
    /// </summary>
    public async Task<StoreOutcome> StoreAsync(Guid tenantId, Stream upload, string? originalName, long remainingQuotaBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Directory.CreateDirectory(incomingFolder);
        var spoolPath = Path.Combine(incomingFolder, $"{Guid.NewGuid():N}.upload");
        var spoolOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
            BufferSize = 81920,
        };
        if (!OperatingSystem.IsWindows())
        {
            spoolOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var spool = new FileStream(spoolPath, spoolOptions);
        var length = await CopyBoundedAsync(upload, spool, options.MaxFileBytes, cancellationToken);
        if (length > options.MaxFileBytes)
        {
            return Refused(ContentRefusal.TooLarge);
        }

        if (length > remainingQuotaBytes)
        {
            return Refused(ContentRefusal.QuotaExceeded);
        }

        spool.Position = 0;
        var sniff = ContentSniffer.Sniff(spool, originalName, new OoxmlLimits(options.MaxArchiveEntries, options.MaxArchiveExpandedBytes, options.MaxArchiveExpandedBytes));
        if (!sniff.Accepted)
        {
            return Refused(sniff.Refusal);
        }

        var status = EvidenceScanStatus.NotScanned;
        string? detail = null;
        if (scanner.IsConfigured)
        {
            spool.Position = 0;
            var verdict = await scanner.ScanAsync(spool, cancellationToken);
            (status, detail) = verdict.Outcome switch
            {
                ScanOutcome.Clean => (EvidenceScanStatus.Clean, (string?)null),
                ScanOutcome.Infected => (EvidenceScanStatus.Infected, verdict.Detail),
                _ => (EvidenceScanStatus.Pending, verdict.Detail),
            };
            if (status == EvidenceScanStatus.Infected)
            {
                // Malware is never written to storage; the finding is returned for the record.
                return new StoreOutcome(null, ContentRefusal.None, status, detail);
            }
        }

        spool.Position = 0;
        var dataKey = EvidenceCipher.NewKey();
        try
        {
            var key = EvidenceStorageKeys.New(tenantId);
            byte[] sha = [];
            long written = 0;
            await storage.WriteAsync(
                key,
                async (destination, ct) => (written, sha) = await EvidenceCipher.EncryptAsync(spool, destination, dataKey, ct),
                cancellationToken);
            if (written != length)
            {
                throw new InvalidOperationException("The spooled upload changed while it was stored.");
            }

            var file = new EvidenceStoredFile(key, FileNames.Sanitise(originalName, sniff.Kind!.Value), sniff.Kind.Value, length, Convert.ToHexStringLower(sha), keys.Wrap(tenantId, dataKey));
            return new StoreOutcome(file, ContentRefusal.None, status, detail);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Removes a stored object (a save that failed after storing must not leave it behind).</summary>
    public async Task DiscardAsync(string storageKey, CancellationToken cancellationToken)
    {
        try
        {
            await storage.DeleteAsync(storageKey, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDiscardFailed(logger, ex, storageKey);
        }
    }

    /// <summary>Reads the whole file, authenticating it and checking its SHA-256, without writing it anywhere.</summary>
    public Task<VerifyOutcome> VerifyAsync(StoredVersionRef version, CancellationToken cancellationToken) =>
        ReadAsync(version, null, cancellationToken);

    /// <summary>
    /// Decrypts to <paramref name="destination"/>. Callers verify first: a chunk that fails here
    /// (changed between the two reads) throws <see cref="EvidenceIntegrityException"/> mid-stream.
    /// </summary>
    public async Task<VerifyOutcome> ReadAsync(StoredVersionRef version, Stream? destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        await using var stored = await storage.OpenReadAsync(version.StorageKey, cancellationToken);
        if (stored is null)
        {
            return VerifyOutcome.Missing;
        }

        var dataKey = keys.Unwrap(version.TenantId, version.WrappedDataKey);
        try
        {
            var (_, sha) = await EvidenceCipher.DecryptAsync(stored, destination, dataKey, cancellationToken);
            if (!string.Equals(Convert.ToHexStringLower(sha), version.Sha256, StringComparison.Ordinal))
            {
                if (destination is not null)
                {
                    throw new EvidenceIntegrityException("The file's SHA-256 differs from the recorded one.");
                }

                return VerifyOutcome.Tampered;
            }

            return VerifyOutcome.Intact;
        }
        catch (EvidenceIntegrityException) when (destination is null)
        {
            return VerifyOutcome.Tampered;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Scans a stored (quarantined) file again, decrypting it straight into the scanner.</summary>
    public async Task<ScanVerdict> RescanAsync(StoredVersionRef version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!scanner.IsConfigured)
        {
            return new ScanVerdict(ScanOutcome.Failed, "No scanner is configured.");
        }

        var pipe = new Pipe();
        var producer = Task.Run(
            async () =>
            {
                Exception? failure = null;
                try
                {
                    await using var writer = pipe.Writer.AsStream(leaveOpen: true);
                    var outcome = await ReadAsync(version, writer, cancellationToken);
                    if (outcome != VerifyOutcome.Intact)
                    {
                        failure = new EvidenceIntegrityException($"The stored file is {outcome}.");
                    }
                }
                catch (Exception ex) when (ex is EvidenceIntegrityException or IOException)
                {
                    failure = ex;
                }

                await pipe.Writer.CompleteAsync(failure);
                return failure;
            },
            cancellationToken);

        ScanVerdict verdict;
        try
        {
            await using var reader = pipe.Reader.AsStream();
            verdict = await scanner.ScanAsync(reader, cancellationToken);
        }
        catch (EvidenceIntegrityException ex)
        {
            verdict = new ScanVerdict(ScanOutcome.Failed, ex.Message);
        }

        var failed = await producer;
        return failed is null ? verdict : new ScanVerdict(ScanOutcome.Failed, failed.Message);
    }

    private static StoreOutcome Refused(ContentRefusal refusal) => new(null, refusal, EvidenceScanStatus.Pending, null);

    /// <summary>Copies at most <paramref name="limit"/> + 1 bytes: one byte over is enough to know the file is too large.</summary>
    private static async Task<long> CopyBoundedAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        while (total <= limit)
        {
            var wanted = (int)Math.Min(buffer.Length, limit + 1 - total);
            var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                break;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
        }

        await destination.FlushAsync(cancellationToken);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove stored evidence object {StorageKey}")]
    private static partial void LogDiscardFailed(ILogger logger, Exception exception, string storageKey);
}
