using VendorRisk.Domain.Evidence;

namespace VendorRisk.Web.Features.Evidence;

/// <summary>What an evidence use case answers: success (with the id it created), or a message the user can act on.</summary>
public sealed record EvidenceResult(bool Succeeded, string? Error, Guid? Id)
{
    public static EvidenceResult Ok(Guid? id = null) => new(true, null, id);

    public static EvidenceResult Failed(string error) => new(false, error, null);
}

/// <summary>The describing fields of a document, as the form edits them.</summary>
public sealed class EvidenceForm
{
    public EvidenceDocumentType Type { get; set; } = EvidenceDocumentType.Iso27001Certificate;

    public string? Title { get; set; }

    public string? Issuer { get; set; }

    public DateTime? IssuedOn { get; set; }

    public DateTime? ExpiresOn { get; set; }
}

/// <summary>One upload as the service receives it: a stream read once, and the name the browser gave.</summary>
public sealed record EvidenceUpload(Stream Content, string? FileName, long? DeclaredSize = null);

public sealed record VersionRow(
    Guid Id,
    int Number,
    string FileName,
    EvidenceFileKind Kind,
    long Length,
    string Sha256,
    DateTimeOffset UploadedAtUtc,
    string? UploadedBy,
    EvidenceScanStatus ScanStatus,
    string? ScanDetail)
{
    public bool Servable => ScanStatus is EvidenceScanStatus.Clean or EvidenceScanStatus.NotScanned;
}

public sealed record DocumentRow(
    Guid Id,
    EvidenceDocumentType Type,
    string Title,
    string? Issuer,
    DateOnly? IssuedOn,
    DateOnly? ExpiresOn,
    ExpiryBand Band,
    VersionRow? Current,
    int VersionCount,
    string? OwnerName);

public sealed record DocumentDetails(DocumentRow Document, IReadOnlyList<VersionRow> Versions, IReadOnlyList<ShareRow> Shares, Guid ConcurrencyToken, bool CanUpload);

public sealed record ShareRow(Guid VersionId, int VersionNumber, string HospitalName, string? Reference, DateTimeOffset SharedAtUtc, DateTimeOffset? RevokedAtUtc);

/// <summary>A file ready to be served: where it is, how to read it, what to call it.</summary>
public sealed record EvidenceFileAccess(
    Guid VersionId,
    Guid DocumentId,
    Guid OwnerTenantId,
    string StorageKey,
    byte[] WrappedDataKey,
    string Sha256,
    EvidenceFileKind Kind,
    long Length,
    string FileName,
    EvidenceScanStatus ScanStatus);

/// <summary>One version attached to an evidence request, as the current user may see it (their own library, or shared with their hospital).</summary>
public sealed record AttachedEvidence(Guid DocumentId, EvidenceDocumentType Type, string Title, DateOnly? ExpiresOn, ExpiryBand Band, VersionRow Version);
