using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Audit;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Evidence;

/// <summary>
/// Shares a version of the current vendor's document with a hospital. Assessments call it when a
/// vendor attaches a document to an answer: a hospital sees a vendor's document only through such
/// a share.
/// </summary>
public interface IEvidenceSharing
{
    /// <summary>Makes <paramref name="versionId"/> (a version of the current vendor's document) visible to <paramref name="hospitalOrganisationId"/>. Idempotent.</summary>
    Task<EvidenceResult> ShareAsync(Guid versionId, Guid hospitalOrganisationId, string? reference, CancellationToken cancellationToken = default);

    /// <summary>Withdraws every live share of <paramref name="versionId"/> with <paramref name="hospitalOrganisationId"/>.</summary>
    Task<EvidenceResult> RevokeShareAsync(Guid versionId, Guid hospitalOrganisationId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The use cases of the evidence vault. Pages and endpoints call it; it re-checks the policy of
/// each use case and never trusts them.
/// </summary>
/// <remarks>
/// <para>Tenancy: a vendor's library and a hospital's engagement documents are read through the
/// tenant filter. The one read across tenants is a hospital reading a vendor's version through an
/// <see cref="EvidenceShare"/> naming that hospital; it ignores the tenant filter explicitly and
/// only in <see cref="SharedVersions"/>.</para>
/// </remarks>
public sealed class EvidenceService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    CurrentUser currentUser,
    EvidenceVault vault,
    SecurityEventRecorder securityEvents,
    AuditChainWriter auditWriter,
    IAuditActorAccessor actors,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : IEvidenceSharing
{
    private ClaimsPrincipal User => currentUser.Principal;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private Guid? Organisation => User.GetOrganisationId();

    public bool ScannerConfigured => vault.ScannerConfigured;

    public long MaxFileBytes => vault.MaxFileBytes;

    // ----- Library (vendor) -----

    public async Task<IReadOnlyList<DocumentRow>> ListLibraryAsync(CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorEvidence))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var documents = await db.VaultDocuments.AsNoTracking().Include(d => d.Versions)
            .Where(d => d.EngagementId == null)
            .ToListAsync(cancellationToken);
        var names = await UserNamesAsync(db, documents.SelectMany(d => d.Versions), cancellationToken);
        return [.. documents.Select(d => Row(d, names, null)).OrderBy(r => r.Band == ExpiryBand.None ? 1 : 0).ThenBy(r => r.ExpiresOn).ThenBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<DocumentDetails?> GetDocumentAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorEvidence))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.VaultDocuments.AsNoTracking().Include(d => d.Versions)
            .SingleOrDefaultAsync(d => d.Id == documentId && d.EngagementId == null, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var names = await UserNamesAsync(db, document.Versions, cancellationToken);
        var shares = await (from s in db.EvidenceShares.AsNoTracking()
                            join o in db.Organisations.AsNoTracking() on s.HospitalOrganisationId equals o.Id
                            join v in db.VaultVersions.AsNoTracking() on s.VersionId equals v.Id
                            where s.DocumentId == documentId
                            select new ShareRow(s.VersionId, v.Number, o.Name, s.Reference, s.SharedAtUtc, s.RevokedAtUtc))
            .ToListAsync(cancellationToken);
        return new DocumentDetails(
            Row(document, names, null),
            [.. document.Versions.OrderByDescending(v => v.Number).Select(v => Version(v, names))],
            [.. shares.OrderByDescending(s => s.SharedAtUtc)],
            document.ConcurrencyToken,
            CanUpload: true);
    }

    public async Task<EvidenceResult> CreateDocumentAsync(EvidenceForm form, EvidenceUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(upload);
        if (!User.Allows(Policies.VendorEvidence) || Organisation is not { } tenant)
        {
            return EvidenceResult.Failed(l["Evidence_NotAllowed"]);
        }

        if (Validate(form) is { } invalid)
        {
            return EvidenceResult.Failed(invalid);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = new VaultDocument(tenant, form.Type, form.Title!, form.Issuer, ToDate(form.IssuedOn), ToDate(form.ExpiresOn), null, clock.GetUtcNow());
        db.VaultDocuments.Add(document);
        return await StoreVersionAsync(db, document, upload, cancellationToken);
    }

    public async Task<EvidenceResult> AddVersionAsync(Guid documentId, EvidenceUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (!User.Allows(Policies.VendorEvidence))
        {
            return EvidenceResult.Failed(l["Evidence_NotAllowed"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.VaultDocuments.Include(d => d.Versions).SingleOrDefaultAsync(d => d.Id == documentId && d.EngagementId == null, cancellationToken);
        return document is null
            ? EvidenceResult.Failed(l["Evidence_NotFound"])
            : await StoreVersionAsync(db, document, upload, cancellationToken);
    }

    public async Task<EvidenceResult> UpdateDocumentAsync(Guid documentId, EvidenceForm form, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!User.Allows(Policies.VendorEvidence))
        {
            return EvidenceResult.Failed(l["Evidence_NotAllowed"]);
        }

        if (Validate(form) is { } invalid)
        {
            return EvidenceResult.Failed(invalid);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.VaultDocuments.SingleOrDefaultAsync(d => d.Id == documentId && d.EngagementId == null, cancellationToken);
        if (document is null)
        {
            return EvidenceResult.Failed(l["Evidence_NotFound"]);
        }

        if (document.ConcurrencyToken != concurrencyToken)
        {
            return EvidenceResult.Failed(l["Evidence_Stale"]);
        }

        document.Describe(form.Type, form.Title!, form.Issuer, ToDate(form.IssuedOn), ToDate(form.ExpiresOn));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EvidenceResult.Failed(l["Evidence_Stale"]);
        }

        return EvidenceResult.Ok(document.Id);
    }

    // ----- Sharing -----

    public async Task<EvidenceResult> ShareAsync(Guid versionId, Guid hospitalOrganisationId, string? reference, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorEvidence))
        {
            return EvidenceResult.Failed(l["Evidence_NotAllowed"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.VaultVersions.SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        var isLibrary = version is not null && await db.VaultDocuments.AnyAsync(d => d.Id == version.DocumentId && d.EngagementId == null, cancellationToken);
        if (version is null || !isLibrary)
        {
            return EvidenceResult.Failed(l["Evidence_NotFound"]);
        }

        var hospital = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == hospitalOrganisationId, cancellationToken);
        if (hospital is null || hospital.Kind != OrganisationKind.Hospital)
        {
            return EvidenceResult.Failed(l["Evidence_ShareNotHospital"]);
        }

        var existing = await db.EvidenceShares.FirstOrDefaultAsync(s => s.VersionId == versionId && s.HospitalOrganisationId == hospitalOrganisationId && s.RevokedAtUtc == null, cancellationToken);
        if (existing is not null)
        {
            return EvidenceResult.Ok(existing.Id);
        }

        var share = new EvidenceShare(version, hospitalOrganisationId, reference, UserId, clock.GetUtcNow());
        db.EvidenceShares.Add(share);
        await db.SaveChangesAsync(cancellationToken);
        return EvidenceResult.Ok(share.Id);
    }

    public async Task<EvidenceResult> RevokeShareAsync(Guid versionId, Guid hospitalOrganisationId, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorEvidence))
        {
            return EvidenceResult.Failed(l["Evidence_NotAllowed"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shares = await db.EvidenceShares.Where(s => s.VersionId == versionId && s.HospitalOrganisationId == hospitalOrganisationId && s.RevokedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var share in shares)
        {
            share.Revoke(clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return EvidenceResult.Ok();
    }

    /// <summary>The vendor documents shared with the current hospital (latest shared version of each).</summary>
    public async Task<IReadOnlyList<DocumentRow>> ListSharedWithUsAsync(CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.SharedEvidenceRead) || Organisation is not { } hospital)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from s in SharedVersions(db, hospital)
                          join v in db.VaultVersions.IgnoreQueryFilters([TenantModelConventions.FilterName]) on s.VersionId equals v.Id
                          join d in db.VaultDocuments.IgnoreQueryFilters([TenantModelConventions.FilterName]) on v.DocumentId equals d.Id
                          join o in db.Organisations on d.TenantId equals o.Id
                          select new { Document = d, Version = v, Owner = o.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>();
        return [.. rows
            .GroupBy(r => r.Document.Id)
            .Select(g => g.OrderByDescending(r => r.Version.Number).First())
            .Select(r => new DocumentRow(r.Document.Id, r.Document.Type, r.Document.Title, r.Document.Issuer, r.Document.IssuedOn, r.Document.ExpiresOn, ExpiryBands.For(r.Document.ExpiresOn, Today), Version(r.Version, names), 1, r.Owner))
            .OrderBy(r => r.OwnerName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// What the given versions are, for those the current user may see: versions of their own
    /// library (vendor), or versions shared with their hospital through a live share. Any other id
    /// is left out, exactly as if it did not exist.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, AttachedEvidence>> DescribeVersionsAsync(IEnumerable<Guid> versionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versionIds);
        var ids = versionIds.Distinct().ToList();
        if (ids.Count == 0 || Organisation is not { } organisation)
        {
            return new Dictionary<Guid, AttachedEvidence>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        List<(VaultVersion Version, VaultDocument Document)> rows = [];
        if (User.Allows(Policies.VendorEvidence))
        {
            var own = await (from v in db.VaultVersions.AsNoTracking()
                             join d in db.VaultDocuments.AsNoTracking() on v.DocumentId equals d.Id
                             where ids.Contains(v.Id) && d.EngagementId == null
                             select new { v, d })
                .ToListAsync(cancellationToken);
            rows.AddRange(own.Select(r => (r.v, r.d)));
        }
        else if (User.Allows(Policies.SharedEvidenceRead))
        {
            var shared = await (from s in SharedVersions(db, organisation)
                                join v in db.VaultVersions.IgnoreQueryFilters([TenantModelConventions.FilterName]) on s.VersionId equals v.Id
                                join d in db.VaultDocuments.IgnoreQueryFilters([TenantModelConventions.FilterName]) on v.DocumentId equals d.Id
                                where ids.Contains(s.VersionId)
                                select new { v, d })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            rows.AddRange(shared.Select(r => (r.v, r.d)));
        }

        var names = await UserNamesAsync(db, rows.Select(r => r.Version), cancellationToken);
        return rows
            .DistinctBy(r => r.Version.Id)
            .ToDictionary(
                r => r.Version.Id,
                r => new AttachedEvidence(r.Document.Id, r.Document.Type, r.Document.Title, r.Document.ExpiresOn, ExpiryBands.For(r.Document.ExpiresOn, Today), Version(r.Version, names)));
    }

    /// <summary>Documents expiring within 60 days or expired: the vendor's own, or for a hospital those shared with it and its engagement documents.</summary>
    public async Task<IReadOnlyList<DocumentRow>> ListExpiringAsync(CancellationToken cancellationToken = default)
    {
        IEnumerable<DocumentRow> rows;
        if (User.Allows(Policies.VendorEvidence))
        {
            rows = await ListLibraryAsync(cancellationToken);
        }
        else if (User.Allows(Policies.SharedEvidenceRead))
        {
            rows = [.. await ListSharedWithUsAsync(cancellationToken), .. await ListEngagementDocumentsAsync(null, cancellationToken)];
        }
        else
        {
            return [];
        }

        return [.. rows.Where(r => r.Band != ExpiryBand.None).OrderBy(r => r.ExpiresOn)];
    }

    // ----- Hospital documents on engagements -----

    /// <summary>The hospital's own documents on one engagement (all engagements when null).</summary>
    public async Task<IReadOnlyList<DocumentRow>> ListEngagementDocumentsAsync(Guid? engagementId, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.VaultDocuments.AsNoTracking().Include(d => d.Versions).Where(d => d.EngagementId != null);
        if (engagementId is { } id)
        {
            query = query.Where(d => d.EngagementId == id);
        }

        var documents = await query.ToListAsync(cancellationToken);
        var names = await UserNamesAsync(db, documents.SelectMany(d => d.Versions), cancellationToken);
        return [.. documents.Select(d => Row(d, names, null))];
    }

    /// <summary>The current file of each contract of an engagement that has one.</summary>
    public async Task<IReadOnlyDictionary<Guid, VersionRow>> ContractFilesAsync(Guid engagementId, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorRead))
        {
            return new Dictionary<Guid, VersionRow>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.EngagementId == engagementId && c.DocumentId != null).Select(c => new { c.Id, c.DocumentId }).ToListAsync(cancellationToken);
        var documentIds = contracts.Select(c => c.DocumentId!.Value).ToList();
        var versions = await db.VaultVersions.AsNoTracking().Where(v => documentIds.Contains(v.DocumentId)).ToListAsync(cancellationToken);
        var names = await UserNamesAsync(db, versions, cancellationToken);
        var result = new Dictionary<Guid, VersionRow>();
        foreach (var contract in contracts)
        {
            if (versions.Where(v => v.DocumentId == contract.DocumentId).MaxBy(v => v.Number) is { } current)
            {
                result[contract.Id] = Version(current, names);
            }
        }

        return result;
    }

    /// <summary>Stores the signed file of a contract (a new version when it already has one).</summary>
    public async Task<EvidenceResult> AttachContractFileAsync(Guid engagementId, Guid contractId, EvidenceUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (!User.Allows(Policies.ContractWrite) || Organisation is not { } tenant)
        {
            return EvidenceResult.Failed(l["Evidence_NotAllowed"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.SingleOrDefaultAsync(c => c.Id == contractId && c.EngagementId == engagementId, cancellationToken);
        if (contract is null)
        {
            return EvidenceResult.Failed(l["Contract_NotFound"]);
        }

        VaultDocument? document = null;
        if (contract.DocumentId is { } existing)
        {
            document = await db.VaultDocuments.Include(d => d.Versions).SingleOrDefaultAsync(d => d.Id == existing, cancellationToken);
        }

        if (document is null)
        {
            var type = contract.Type == ContractType.DataProcessingAgreement ? EvidenceDocumentType.DataProcessingAgreement : EvidenceDocumentType.Contract;
            var title = contract.Title ?? l[$"Evidence_Type_{type}"];
            document = new VaultDocument(tenant, type, title, null, contract.SignedOn, contract.EndsOn, engagementId, clock.GetUtcNow());
            db.VaultDocuments.Add(document);
            contract.AttachDocument(document.Id);
        }

        return await StoreVersionAsync(db, document, upload, cancellationToken);
    }

    // ----- Files -----

    /// <summary>
    /// The file of <paramref name="versionId"/> if the current user may have it: a member of the
    /// owning vendor (library), a hospital member for its own engagement documents, or a hospital
    /// member through a live share of exactly that version. Anything else answers null, exactly
    /// like a version that does not exist.
    /// </summary>
    public async Task<EvidenceFileAccess?> ResolveFileAsync(Guid versionId, CancellationToken cancellationToken = default)
    {
        if (Organisation is not { } organisation)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var own = await (from v in db.VaultVersions.AsNoTracking()
                         join d in db.VaultDocuments.AsNoTracking() on v.DocumentId equals d.Id
                         where v.Id == versionId
                         select new { Version = v, Library = d.EngagementId == null })
            .SingleOrDefaultAsync(cancellationToken);
        if (own is not null)
        {
            var allowed = own.Library ? User.Allows(Policies.VendorEvidence) : User.Allows(Policies.VendorRead);
            return allowed ? Access(own.Version) : null;
        }

        if (!User.Allows(Policies.SharedEvidenceRead))
        {
            return null;
        }

        var shared = await (from s in SharedVersions(db, organisation)
                            join v in db.VaultVersions.IgnoreQueryFilters([TenantModelConventions.FilterName]) on s.VersionId equals v.Id
                            where s.VersionId == versionId
                            select v)
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        return shared is null ? null : Access(shared);
    }

    /// <summary>Records who downloaded (or previewed) what, when and from where, in the owner's chain and, for a shared file, the reader's.</summary>
    public async Task RecordDownloadAsync(EvidenceFileAccess file, bool inline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var actor = actors.Current;
        var record = new AuditRecord(
            clock.GetUtcNow(),
            actor.UserId,
            actor.Name,
            inline ? "Evidence.Previewed" : "Evidence.Downloaded",
            "EvidenceVersion",
            file.VersionId.ToString(),
            [new("FileName", null, file.FileName), new("Document", null, file.DocumentId.ToString()), new("Sha256", null, file.Sha256)],
            actor.IpAddress,
            actor.UserAgent,
            actor.CorrelationId);
        List<(Guid, AuditRecord)> entries = [(file.OwnerTenantId, record)];
        if (Organisation is { } reader && reader != file.OwnerTenantId)
        {
            entries.Add((reader, record));
        }

        await auditWriter.AppendAsync(entries, cancellationToken);
    }

    /// <summary>A stored file is missing or failed its integrity check: recorded as a security event (and so in the owner's audit chain).</summary>
    public Task ReportIntegrityFailureAsync(EvidenceFileAccess file, VerifyOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return securityEvents.RecordAsync(
            SecurityEventKind.EvidenceIntegrityFailed,
            userId: UserId,
            organisationId: file.OwnerTenantId,
            detail: string.Create(CultureInfo.InvariantCulture, $"Evidence version {file.VersionId} ({file.FileName}) is {outcome}; it was not served."),
            cancellationToken: cancellationToken);
    }

    /// <summary>Bytes stored by the current organisation (all versions) and its quota.</summary>
    public async Task<(long Used, long Quota)> StorageUseAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await UsedBytesAsync(db, cancellationToken), vault.QuotaBytes);
    }

    // ----- Helpers -----

    private string? UserId => User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private async Task<EvidenceResult> StoreVersionAsync(VendorRiskDbContext db, VaultDocument document, EvidenceUpload upload, CancellationToken cancellationToken)
    {
        if (upload.DeclaredSize is { } declared && declared > vault.MaxFileBytes)
        {
            return EvidenceResult.Failed(Refusal(ContentRefusal.TooLarge));
        }

        var remaining = vault.QuotaBytes - await UsedBytesAsync(db, cancellationToken);
        var outcome = await vault.StoreAsync(document.TenantId, upload.Content, upload.FileName, Math.Max(0, remaining), cancellationToken);
        if (outcome.ScanStatus == EvidenceScanStatus.Infected)
        {
            await securityEvents.RecordAsync(
                SecurityEventKind.EvidenceMalwareFound,
                userId: UserId,
                organisationId: document.TenantId,
                detail: $"Upload refused: {outcome.ScanDetail} in \"{FileNames.Sanitise(upload.FileName, EvidenceFileKind.Text)}\".",
                cancellationToken: CancellationToken.None);
            return EvidenceResult.Failed(l["Evidence_Refused_Malware"]);
        }

        if (outcome.File is not { } file)
        {
            return EvidenceResult.Failed(Refusal(outcome.Refusal));
        }

        var version = document.AddVersion(file, UserId, clock.GetUtcNow(), outcome.ScanStatus == EvidenceScanStatus.Clean ? EvidenceScanStatus.Pending : outcome.ScanStatus);
        if (outcome.ScanStatus == EvidenceScanStatus.Clean)
        {
            version.RecordScan(EvidenceScanStatus.Clean, null, clock.GetUtcNow());
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or OperationCanceledException)
        {
            // The stored object must not outlive a record that was never saved.
            await vault.DiscardAsync(file.StorageKey, CancellationToken.None);
            if (ex is DbUpdateConcurrencyException)
            {
                return EvidenceResult.Failed(l["Evidence_Stale"]);
            }

            throw;
        }

        return EvidenceResult.Ok(document.Id);
    }

    private string Refusal(ContentRefusal refusal) => refusal switch
    {
        ContentRefusal.TooLarge => l["Evidence_Refused_TooLarge", FormatBytes(vault.MaxFileBytes)],
        ContentRefusal.QuotaExceeded => l["Evidence_Refused_QuotaExceeded", FormatBytes(vault.QuotaBytes)],
        _ => l[$"Evidence_Refused_{refusal}"],
    };

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => string.Format(CultureInfo.CurrentCulture, "{0:0.#} GB", bytes / (1024d * 1024 * 1024)),
        >= 1024L * 1024 => string.Format(CultureInfo.CurrentCulture, "{0:0.#} MB", bytes / (1024d * 1024)),
        >= 1024 => string.Format(CultureInfo.CurrentCulture, "{0:0.#} KB", bytes / 1024d),
        _ => string.Format(CultureInfo.CurrentCulture, "{0} B", bytes),
    };

    private string? Validate(EvidenceForm form)
    {
        if (!Enum.IsDefined(form.Type))
        {
            return l["Evidence_TypeRequired"];
        }

        if (string.IsNullOrWhiteSpace(form.Title))
        {
            return l["Evidence_TitleRequired"];
        }

        if (form.Title.Trim().Length > VaultDocument.TitleMaxLength || form.Issuer?.Trim().Length > VaultDocument.IssuerMaxLength)
        {
            return l["Evidence_TooLong"];
        }

        if (form.IssuedOn is { } issued && form.ExpiresOn is { } expires && expires.Date < issued.Date)
        {
            return l["Evidence_ExpiryBeforeIssue"];
        }

        return null;
    }

    private static DateOnly? ToDate(DateTime? value) => value is { } date ? DateOnly.FromDateTime(date) : null;

    /// <summary>The one cross-tenant read: live shares naming the current hospital.</summary>
    private static IQueryable<EvidenceShare> SharedVersions(VendorRiskDbContext db, Guid hospital) =>
        db.EvidenceShares.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(s => s.HospitalOrganisationId == hospital && s.RevokedAtUtc == null);

    private static async Task<long> UsedBytesAsync(VendorRiskDbContext db, CancellationToken cancellationToken) =>
        await db.VaultVersions.SumAsync(v => (long?)v.Length, cancellationToken) ?? 0;

    private static async Task<Dictionary<string, string>> UserNamesAsync(VendorRiskDbContext db, IEnumerable<VaultVersion> versions, CancellationToken cancellationToken)
    {
        var ids = versions.Select(v => v.UploadedByUserId).OfType<string>().Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, cancellationToken);
    }

    private DocumentRow Row(VaultDocument d, Dictionary<string, string> names, string? owner) =>
        new(d.Id, d.Type, d.Title, d.Issuer, d.IssuedOn, d.ExpiresOn, ExpiryBands.For(d.ExpiresOn, Today), d.Current is { } current ? Version(current, names) : null, d.Versions.Count, owner);

    private static VersionRow Version(VaultVersion v, Dictionary<string, string> names) =>
        new(v.Id, v.Number, v.OriginalFileName, v.Kind, v.Length, v.Sha256, v.UploadedAtUtc, v.UploadedByUserId is { } id && names.TryGetValue(id, out var name) ? name : null, v.ScanStatus, v.ScanDetail);

    private static EvidenceFileAccess Access(VaultVersion v) =>
        new(v.Id, v.DocumentId, v.TenantId, v.StorageKey, v.DataKeySecret, v.Sha256, v.Kind, v.Length, v.OriginalFileName, v.ScanStatus);
}
