namespace VendorRisk.Domain.Evidence;

/// <summary>What a document is. Stored by name.</summary>
public enum EvidenceDocumentType
{
    Iso27001Certificate = 1,
    HdsCertificate = 2,
    Soc2Type2Report = 3,
    PenetrationTestSummary = 4,
    Policy = 5,
    InsuranceCertificate = 6,
    BusinessContinuityPlan = 7,
    Contract = 20,
    DataProcessingAgreement = 21,
    Other = 99,
}

/// <summary>The file formats the vault accepts, as recognised from their content (never from their name).</summary>
public enum EvidenceFileKind
{
    Pdf = 1,
    Png = 2,
    Jpeg = 3,
    Docx = 4,
    Xlsx = 5,
    Text = 6,
    Csv = 7,
}

/// <summary>Where a stored file stands with the malware scanner. Only <see cref="Clean"/> and <see cref="NotScanned"/> files are served.</summary>
public enum EvidenceScanStatus
{
    /// <summary>Quarantined: waiting for the scanner (or for it to come back). Never served.</summary>
    Pending = 1,

    /// <summary>Scanned and clean.</summary>
    Clean = 2,

    /// <summary>The scanner found malware: quarantined for good, never served.</summary>
    Infected = 3,

    /// <summary>No scanner is configured for this deployment; shown as "not scanned".</summary>
    NotScanned = 4,
}

/// <summary>How close a document is to its expiry date.</summary>
public enum ExpiryBand
{
    None = 0,
    Within60Days = 60,
    Within30Days = 30,
    Within7Days = 7,
    Expired = -1,
}

public static class EvidenceFileKinds
{
    /// <summary>The media type a file of this kind is served with.</summary>
    public static string ContentType(this EvidenceFileKind kind) => kind switch
    {
        EvidenceFileKind.Pdf => "application/pdf",
        EvidenceFileKind.Png => "image/png",
        EvidenceFileKind.Jpeg => "image/jpeg",
        EvidenceFileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceFileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EvidenceFileKind.Text => "text/plain; charset=utf-8",
        EvidenceFileKind.Csv => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>The extension the download name gets, whatever the uploaded name said.</summary>
    public static string Extension(this EvidenceFileKind kind) => kind switch
    {
        EvidenceFileKind.Pdf => ".pdf",
        EvidenceFileKind.Png => ".png",
        EvidenceFileKind.Jpeg => ".jpg",
        EvidenceFileKind.Docx => ".docx",
        EvidenceFileKind.Xlsx => ".xlsx",
        EvidenceFileKind.Text => ".txt",
        EvidenceFileKind.Csv => ".csv",
        _ => ".bin",
    };

    /// <summary>Whether browsers may show the file inline (in a sandboxed response): PDFs and images only.</summary>
    public static bool CanPreview(this EvidenceFileKind kind) =>
        kind is EvidenceFileKind.Pdf or EvidenceFileKind.Png or EvidenceFileKind.Jpeg;
}

public static class ExpiryBands
{
    /// <summary>The tightest band <paramref name="expiresOn"/> falls in, seen on <paramref name="today"/>.</summary>
    public static ExpiryBand For(DateOnly? expiresOn, DateOnly today)
    {
        if (expiresOn is not { } expiry)
        {
            return ExpiryBand.None;
        }

        var days = expiry.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => ExpiryBand.Expired,
            <= 7 => ExpiryBand.Within7Days,
            <= 30 => ExpiryBand.Within30Days,
            <= 60 => ExpiryBand.Within60Days,
            _ => ExpiryBand.None,
        };
    }
}
