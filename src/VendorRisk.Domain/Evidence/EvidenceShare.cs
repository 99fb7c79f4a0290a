using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Evidence;

/// <summary>
/// One version of a vendor's document made visible to one hospital (because the vendor attached it
/// to that hospital's assessment). Owned by the vendor, who shared it; the hospital reads its
/// shares through a query that names its own organisation. Without a share a hospital sees nothing.
/// </summary>
public sealed class EvidenceShare : TenantOwnedEntity
{
    public const int ReferenceMaxLength = 200;

    private EvidenceShare()
    {
    }

    public EvidenceShare(VaultVersion version, Guid hospitalOrganisationId, string? reference, string? sharedByUserId, DateTimeOffset sharedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (hospitalOrganisationId == Guid.Empty || hospitalOrganisationId == version.TenantId)
        {
            throw new ArgumentException("A document is shared with another organisation.", nameof(hospitalOrganisationId));
        }

        AssignTenant(version.TenantId);
        DocumentId = version.DocumentId;
        VersionId = version.Id;
        HospitalOrganisationId = hospitalOrganisationId;
        var trimmed = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        Reference = trimmed is { Length: > ReferenceMaxLength } ? trimmed[..ReferenceMaxLength] : trimmed;
        SharedByUserId = sharedByUserId;
        SharedAtUtc = sharedAtUtc.ToUniversalTime();
    }

    public Guid DocumentId { get; private set; }

    public Guid VersionId { get; private set; }

    public Guid HospitalOrganisationId { get; private set; }

    /// <summary>What the share answers (an assessment, an evidence request), as the caller names it.</summary>
    public string? Reference { get; private set; }

    public string? SharedByUserId { get; private set; }

    public DateTimeOffset SharedAtUtc { get; private set; }

    public DateTimeOffset? RevokedAtUtc { get; private set; }

    public void Revoke(DateTimeOffset atUtc) => RevokedAtUtc ??= atUtc.ToUniversalTime();
}

/// <summary>
/// That the expiry reminder of one band has been sent for one document (to its owner organisation,
/// or to a hospital it is shared with): the reminder service's memory, so each is sent once.
/// </summary>
public sealed class EvidenceReminder : TenantOwnedEntity
{
    private EvidenceReminder()
    {
    }

    public EvidenceReminder(Guid tenantId, Guid documentId, DateOnly expiresOn, ExpiryBand band, Guid recipientOrganisationId, DateTimeOffset sentAtUtc)
    {
        AssignTenant(tenantId);
        DocumentId = documentId;
        ExpiresOn = expiresOn;
        Band = band;
        RecipientOrganisationId = recipientOrganisationId;
        SentAtUtc = sentAtUtc.ToUniversalTime();
    }

    public Guid DocumentId { get; private set; }

    /// <summary>The expiry date the reminder was about: a new date (a renewed certificate) starts the bands over.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public ExpiryBand Band { get; private set; }

    public Guid RecipientOrganisationId { get; private set; }

    public DateTimeOffset SentAtUtc { get; private set; }
}
