using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Evidence;

/// <summary>
/// A document in an organisation's vault: a vendor's certificate, report or policy (its library),
/// or a hospital's contract or DPA kept on an engagement. Each upload is a new
/// <see cref="VaultVersion"/>; the newest is current and older ones are kept.
/// </summary>
public sealed class VaultDocument : TenantOwnedEntity
{
    public const int TitleMaxLength = 200;
    public const int IssuerMaxLength = 200;

    private readonly List<VaultVersion> _versions = [];

    private VaultDocument()
    {
        Title = string.Empty;
    }

    public VaultDocument(Guid tenantId, EvidenceDocumentType type, string title, string? issuer, DateOnly? issuedOn, DateOnly? expiresOn, Guid? engagementId, DateTimeOffset createdAtUtc)
    {
        AssignTenant(tenantId);
        Title = string.Empty;
        EngagementId = engagementId == Guid.Empty ? throw new ArgumentException("An engagement id cannot be empty.", nameof(engagementId)) : engagementId;
        CreatedAtUtc = createdAtUtc.ToUniversalTime();
        Describe(type, title, issuer, issuedOn, expiresOn);
    }

    public EvidenceDocumentType Type { get; private set; }

    public string Title { get; private set; }

    public string? Issuer { get; private set; }

    public DateOnly? IssuedOn { get; private set; }

    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>Set for a hospital's document kept on one of its engagements; null for a vendor's library document.</summary>
    public Guid? EngagementId { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    /// <summary>Renewed on every change; the second of two concurrent editors is told.</summary>
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<VaultVersion> Versions => _versions.AsReadOnly();

    /// <summary>The newest version, or null before the first upload has been stored.</summary>
    public VaultVersion? Current => _versions.Count == 0 ? null : _versions.MaxBy(v => v.Number);

    public void Describe(EvidenceDocumentType type, string title, string? issuer, DateOnly? issuedOn, DateOnly? expiresOn)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown document type.");
        }

        var trimmedTitle = title?.Trim();
        if (string.IsNullOrEmpty(trimmedTitle) || trimmedTitle.Length > TitleMaxLength)
        {
            throw new ArgumentException($"A title is required and has at most {TitleMaxLength} characters.", nameof(title));
        }

        var trimmedIssuer = string.IsNullOrWhiteSpace(issuer) ? null : issuer.Trim();
        if (trimmedIssuer?.Length > IssuerMaxLength)
        {
            throw new ArgumentException($"An issuer has at most {IssuerMaxLength} characters.", nameof(issuer));
        }

        if (issuedOn is { } issued && expiresOn is { } expires && expires < issued)
        {
            throw new ArgumentException("A document expires on or after its issue date.", nameof(expiresOn));
        }

        Type = type;
        Title = trimmedTitle;
        Issuer = trimmedIssuer;
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
        ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>Adds the next version (the stored, encrypted file it describes already exists).</summary>
    public VaultVersion AddVersion(EvidenceStoredFile file, string? uploadedByUserId, DateTimeOffset uploadedAtUtc, EvidenceScanStatus initialStatus)
    {
        ArgumentNullException.ThrowIfNull(file);
        var number = _versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1;
        var version = new VaultVersion(this, number, file, uploadedByUserId, uploadedAtUtc, initialStatus);
        _versions.Add(version);
        ConcurrencyToken = Guid.NewGuid();
        return version;
    }
}

/// <summary>What the vault knows of one stored file once it has been sniffed, hashed, encrypted and written.</summary>
public sealed record EvidenceStoredFile(
    string StorageKey,
    string OriginalFileName,
    EvidenceFileKind Kind,
    long Length,
    string Sha256,
    byte[] WrappedDataKey);

/// <summary>One uploaded file of a document. Never changed after upload, except for its scan verdict.</summary>
public sealed class VaultVersion : TenantOwnedEntity
{
    public const int StorageKeyMaxLength = 200;
    public const int ScanDetailMaxLength = 300;

    private VaultVersion()
    {
        StorageKey = string.Empty;
        OriginalFileName = string.Empty;
        Sha256 = string.Empty;
        DataKeySecret = [];
    }

    internal VaultVersion(VaultDocument document, int number, EvidenceStoredFile file, string? uploadedByUserId, DateTimeOffset uploadedAtUtc, EvidenceScanStatus status)
    {
        AssignTenant(document.TenantId);
        DocumentId = document.Id;
        Number = number;
        StorageKey = file.StorageKey;
        OriginalFileName = file.OriginalFileName;
        Kind = file.Kind;
        Length = file.Length;
        Sha256 = file.Sha256;
        DataKeySecret = file.WrappedDataKey;
        UploadedByUserId = uploadedByUserId;
        UploadedAtUtc = uploadedAtUtc.ToUniversalTime();
        ScanStatus = status is EvidenceScanStatus.Pending or EvidenceScanStatus.NotScanned
            ? status
            : throw new ArgumentOutOfRangeException(nameof(status), status, "A new version is pending a scan or not scanned.");
    }

    public Guid DocumentId { get; private set; }

    public int Number { get; private set; }

    /// <summary>The generated name of the encrypted file in storage; never derived from user input.</summary>
    public string StorageKey { get; private set; }

    /// <summary>The uploaded name, sanitised, with the extension of the sniffed kind.</summary>
    public string OriginalFileName { get; private set; }

    public EvidenceFileKind Kind { get; private set; }

    /// <summary>Plaintext length in bytes.</summary>
    public long Length { get; private set; }

    /// <summary>SHA-256 of the plaintext, lower-case hex; checked again on every download.</summary>
    public string Sha256 { get; private set; }

    /// <summary>The file's data key, wrapped by the tenant's key-encryption key. Named a secret so the audit log never records it.</summary>
    public byte[] DataKeySecret { get; private set; }

    public string? UploadedByUserId { get; private set; }

    public DateTimeOffset UploadedAtUtc { get; private set; }

    public EvidenceScanStatus ScanStatus { get; private set; }

    public DateTimeOffset? ScannedAtUtc { get; private set; }

    /// <summary>The scanner's finding (a signature name) or why scanning failed.</summary>
    public string? ScanDetail { get; private set; }

    /// <summary>Whether the file may be served: scanned clean, or no scanner is configured.</summary>
    public bool IsServable => ScanStatus is EvidenceScanStatus.Clean or EvidenceScanStatus.NotScanned;

    public void RecordScan(EvidenceScanStatus status, string? detail, DateTimeOffset scannedAtUtc)
    {
        if (status is not (EvidenceScanStatus.Clean or EvidenceScanStatus.Infected))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A scan finds a file clean or infected.");
        }

        if (ScanStatus == EvidenceScanStatus.Infected)
        {
            throw new InvalidOperationException("An infected file stays quarantined.");
        }

        ScanStatus = status;
        ScanDetail = detail is null ? null : detail.Length <= ScanDetailMaxLength ? detail : detail[..ScanDetailMaxLength];
        ScannedAtUtc = scannedAtUtc.ToUniversalTime();
    }
}
