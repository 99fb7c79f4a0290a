namespace VendorRisk.Infrastructure.Evidence;

/// <summary>The evidence vault's settings (section <c>Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Evidence";

    /// <summary>Largest file accepted, in bytes (default 25 MB).</summary>
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Total plaintext bytes one organisation may store, all versions counted (default 2 GB).</summary>
    public long TenantQuotaBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most entries an office document's archive may hold.</summary>
    public int MaxArchiveEntries { get; set; } = 2_000;

    /// <summary>Most bytes an office document may expand to, all entries together (default 200 MB).</summary>
    public long MaxArchiveExpandedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary><c>Local</c> (default) or <c>S3</c>.</summary>
    public string Storage { get; set; } = "Local";

    /// <summary>Folder of the local store; relative to the data folder; default <c>evidence</c>. Never under wwwroot.</summary>
    public string LocalPath { get; set; } = "evidence";

    /// <summary>Folder where an upload is spooled while it is checked; relative to the data folder; default <c>evidence-incoming</c>.</summary>
    public string IncomingPath { get; set; } = "evidence-incoming";

    public S3StorageOptions S3 { get; set; } = new();

    public ClamAvOptions ClamAv { get; set; } = new();

    /// <summary>How often the background service retries pending scans and sends expiry reminders.</summary>
    public TimeSpan BackgroundInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Turns the background service off (tests drive it directly).</summary>
    public bool BackgroundEnabled { get; set; } = true;
}

public sealed class S3StorageOptions
{
    public string? BucketName { get; set; }

    /// <summary>An S3-compatible endpoint (MinIO, Ceph, OVH, Scaleway…); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string? Region { get; set; }

    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Key prefix inside the bucket.</summary>
    public string Prefix { get; set; } = "evidence/";
}

public sealed class ClamAvOptions
{
    /// <summary>clamd's TCP host; empty with no <see cref="SocketPath"/> means no scanner is configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 3310;

    /// <summary>clamd's local (Unix) socket, used instead of TCP when set.</summary>
    public string? SocketPath { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) || !string.IsNullOrWhiteSpace(SocketPath);
}
