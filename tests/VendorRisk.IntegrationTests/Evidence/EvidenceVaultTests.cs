using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Tests.Evidence;
using VendorRisk.Web.Features.Evidence;
using static VendorRisk.IntegrationTests.Evidence.EvidenceTestData;

namespace VendorRisk.IntegrationTests.Evidence;

/// <summary>The vault end to end on each database: upload, encryption at rest, verified and audited download, access rules.</summary>
[Collection(SharedApps.Name)]
public sealed class EvidenceVaultTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_upload_is_stored_encrypted_and_comes_back_identical_with_safe_headers_and_an_audit_entry(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await VendorOrg.CreateAsync(app);
        var pdf = EvidenceSamples.Pdf(padding: 200_000);
        var (documentId, versionId) = await UploadAsync(app, vendor.Contributor, pdf, "../../Certificat ISO\"27001\r\n.pdf");

        var version = await VersionAsync(app, versionId);
        Assert.Equal(EvidenceFileKind.Pdf, version.Kind);
        Assert.Equal(EvidenceScanStatus.NotScanned, version.ScanStatus);
        Assert.Equal("Certificat ISO_27001.pdf", version.OriginalFileName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), version.Sha256);
        var stored = await File.ReadAllBytesAsync(StoredPath(app, version.StorageKey), Ct);
        Assert.True(stored.AsSpan().IndexOf("%PDF-"u8) < 0, "the stored file must be ciphertext");
        Assert.DoesNotContain(vendor.Organisation.Id.ToString("N"), Path.GetFileName(version.StorageKey), StringComparison.Ordinal);
        Assert.False(StoredPath(app, version.StorageKey).Contains("wwwroot", StringComparison.Ordinal));

        using var client = await SignedInClientAsync(app, vendor.Admin);
        using var response = await client.GetAsync(new Uri($"/evidence/files/{versionId}/download", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Certificat ISO_27001.pdf", response.Content.Headers.ContentDisposition.FileNameStar);

        using var preview = await client.GetAsync(new Uri($"/evidence/files/{versionId}/preview", UriKind.Relative), Ct);
        Assert.Equal("inline", preview.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("default-src 'none'", string.Join(";", preview.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var audited = await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(e => e.TenantId == vendor.Organisation.Id && e.TargetId == versionId.ToString())
            .ToListAsync(Ct);
        var download = Assert.Single(audited, e => e.Action == "Evidence.Downloaded");
        Assert.Equal(vendor.Admin.Id, download.ActorUserId);
        // The IP comes from the connection (TestServer has none); the request is identified by its trace id.
        Assert.False(string.IsNullOrEmpty(download.CorrelationId));
        Assert.Single(audited, e => e.Action == "Evidence.Previewed");

        // The wrapped data key never reaches the audit log.
        var created = await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(e => e.TenantId == vendor.Organisation.Id)
            .Select(e => e.Changes).ToListAsync(Ct);
        Assert.Contains(created, json => json != null && json.Contains(version.Sha256, StringComparison.Ordinal));
        Assert.All(created, json => Assert.DoesNotContain(Convert.ToBase64String(version.DataKeySecret), json ?? string.Empty, StringComparison.Ordinal));
        Assert.NotEqual(Guid.Empty, documentId);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_new_upload_becomes_the_current_version_and_keeps_the_old_one(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await VendorOrg.CreateAsync(app);
        var (documentId, first) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf());
        var details = await WithServiceAsync(app, vendor.Admin, async s =>
        {
            var result = await s.AddVersionAsync(documentId, Upload(EvidenceSamples.Png(), "renewed.png"), Ct);
            Assert.True(result.Succeeded, result.Error);
            return await s.GetDocumentAsync(documentId, Ct);
        });

        Assert.Equal([2, 1], details!.Versions.Select(v => v.Number));
        Assert.Equal(first, details.Versions[1].Id);
        Assert.Equal(EvidenceFileKind.Png, details.Document.Current!.Kind);
        using var client = await SignedInClientAsync(app, vendor.Contributor);
        using var old = await client.GetAsync(new Uri($"/evidence/files/{first}/download", UriKind.Relative), Ct);
        Assert.Equal(EvidenceSamples.Pdf(), await old.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_tampered_or_missing_file_is_reported_and_not_served(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await VendorOrg.CreateAsync(app);
        var (_, tamperedId) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(padding: 100_000));
        var (_, missingId) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf());
        var tampered = await VersionAsync(app, tamperedId);
        var path = StoredPath(app, tampered.StorageKey);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        bytes[70_000] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes, Ct);
        File.Delete(StoredPath(app, (await VersionAsync(app, missingId)).StorageKey));

        using var client = await SignedInClientAsync(app, vendor.Admin);
        foreach (var id in new[] { tamperedId, missingId })
        {
            using var response = await client.GetAsync(new Uri($"/evidence/files/{id}/download", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("integrity", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("%PDF", body, StringComparison.Ordinal);
        }

        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var events = await db.SecurityEvents.Where(e => e.OrganisationId == vendor.Organisation.Id && e.Kind == SecurityEventKind.EvidenceIntegrityFailed).ToListAsync(Ct);
        Assert.Contains(events, e => e.Detail!.Contains(tamperedId.ToString(), StringComparison.Ordinal) && e.Detail.Contains("Tampered", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Detail!.Contains(missingId.ToString(), StringComparison.Ordinal) && e.Detail.Contains("Missing", StringComparison.Ordinal));
        Assert.Equal(2, await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName]).CountAsync(e => e.TenantId == vendor.Organisation.Id && e.Action == "Security.EvidenceIntegrityFailed", Ct));
        Assert.Equal(0, await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName]).CountAsync(e => e.TenantId == vendor.Organisation.Id && e.Action == "Evidence.Downloaded", Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Wrong_types_oversized_files_and_zip_bombs_are_refused_with_a_message_and_leave_nothing_behind(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await VendorOrg.CreateAsync(app);
        var before = Directory.Exists(StorageRoot(app)) ? Directory.GetFiles(StorageRoot(app), "*", SearchOption.AllDirectories).Length : 0;
        await using var scope = app.ScopeFor(vendor.Admin);
        var service = scope.ServiceProvider.GetRequiredService<EvidenceService>();

        var exe = await service.CreateDocumentAsync(Certificate(), Upload([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0], "certificate.pdf"), Ct);
        Assert.False(exe.Succeeded);
        Assert.Contains("not accepted", exe.Error, StringComparison.Ordinal);

        var bomb = await service.CreateDocumentAsync(Certificate(), Upload(EvidenceSamples.ZipBomb(300L * 1024 * 1024), "policy.docx"), Ct);
        Assert.False(bomb.Succeeded);
        Assert.Contains("archive bomb", bomb.Error, StringComparison.Ordinal);

        var oversized = await service.CreateDocumentAsync(Certificate(), new EvidenceUpload(new GeneratedPdfStream((25L * 1024 * 1024) + 1), "big.pdf"), Ct);
        Assert.False(oversized.Succeeded);
        Assert.Contains("25 MB", oversized.Error, StringComparison.Ordinal);

        var declaredTooBig = await service.CreateDocumentAsync(Certificate(), new EvidenceUpload(Stream.Null, "big.pdf", DeclaredSize: 30L * 1024 * 1024), Ct);
        Assert.False(declaredTooBig.Succeeded);

        var atLimit = await service.CreateDocumentAsync(Certificate(), new EvidenceUpload(new GeneratedPdfStream(25L * 1024 * 1024), "limit.pdf"), Ct);
        Assert.True(atLimit.Succeeded, atLimit.Error);

        Assert.Single(await service.ListLibraryAsync(Ct));
        var after = Directory.GetFiles(StorageRoot(app), "*", SearchOption.AllDirectories).Length;
        Assert.True(after - before >= 1);
        Assert.Empty(Directory.GetFiles(StorageRoot(app), "*.partial", SearchOption.AllDirectories));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task One_vendor_never_sees_or_reaches_another_vendors_documents(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await VendorOrg.CreateAsync(app);
        var b = await VendorOrg.CreateAsync(app);
        var (documentA, versionA) = await UploadAsync(app, a.Admin, EvidenceSamples.Pdf(), form: Certificate("Secret of A"));
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);

        await using (var scope = app.ScopeFor(b.Admin))
        {
            var service = scope.ServiceProvider.GetRequiredService<EvidenceService>();
            Assert.DoesNotContain(await service.ListLibraryAsync(Ct), d => d.Id == documentA);
            Assert.Null(await service.GetDocumentAsync(documentA, Ct));
            Assert.Null(await service.ResolveFileAsync(versionA, Ct));
            Assert.False((await service.AddVersionAsync(documentA, Upload(EvidenceSamples.Pdf()), Ct)).Succeeded);
            Assert.False((await service.UpdateDocumentAsync(documentA, Certificate("Hijacked"), Guid.NewGuid(), Ct)).Succeeded);
            Assert.False((await service.ShareAsync(versionA, hospital.Id, "x", Ct)).Succeeded);
            Assert.Empty(await service.ListExpiringAsync(Ct));
        }

        using var client = await SignedInClientAsync(app, b.Contributor);
        using var response = await client.GetAsync(new Uri($"/evidence/files/{versionA}/download", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // And the tenant filter alone keeps B's context away from A's rows.
        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(b.Organisation.Id);
        Assert.False(await db.VaultDocuments.AnyAsync(d => d.Id == documentA, Ct));
        Assert.False(await db.VaultVersions.AnyAsync(v => v.Id == versionA, Ct));
        Assert.Equal("Secret of A", (await WithServiceAsync(app, a.Admin, s => s.GetDocumentAsync(documentA, Ct)))!.Document.Title);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_hospital_sees_a_vendor_document_only_through_a_share_of_that_version(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await VendorOrg.CreateAsync(app);
        var hospital = await Hospital.CreateAsync(app);
        var other = await Hospital.CreateAsync(app);
        var (documentId, v1) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf());
        var v2 = (await WithServiceAsync(app, vendor.Admin, async s =>
        {
            Assert.True((await s.AddVersionAsync(documentId, Upload(EvidenceSamples.Jpeg(), "scan.jpg"), Ct)).Succeeded);
            return await s.GetDocumentAsync(documentId, Ct);
        }))!.Versions[0].Id;

        // No share: nothing, by service or by URL.
        Assert.Null(await WithServiceAsync(app, hospital.Ciso, s => s.ResolveFileAsync(v1, Ct)));
        Assert.Empty(await WithServiceAsync(app, hospital.Ciso, s => s.ListSharedWithUsAsync(Ct)));
        using (var client = await SignedInClientAsync(app, hospital.Ciso))
        using (var refused = await client.GetAsync(new Uri($"/evidence/files/{v1}/download", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // The vendor shares version 1 with this hospital (as an assessment would).
        var shared = await WithServiceAsync(app, vendor.Contributor, s => s.ShareAsync(v1, hospital.Organisation.Id, "Assessment 2026", Ct));
        Assert.True(shared.Succeeded, shared.Error);
        Assert.False((await WithServiceAsync(app, vendor.Admin, s => s.ShareAsync(v1, vendor.Organisation.Id, null, Ct))).Succeeded);

        var list = await WithServiceAsync(app, hospital.Auditor, s => s.ListSharedWithUsAsync(Ct));
        var row = Assert.Single(list);
        Assert.Equal(v1, row.Current!.Id);
        Assert.Equal(vendor.Organisation.Name, row.OwnerName);
        using (var client = await SignedInClientAsync(app, hospital.Auditor))
        {
            using var ok = await client.GetAsync(new Uri($"/evidence/files/{v1}/download", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(EvidenceSamples.Pdf(), await ok.Content.ReadAsByteArrayAsync(Ct));

            // Only the shared version: version 2 is not shared.
            using var notShared = await client.GetAsync(new Uri($"/evidence/files/{v2}/download", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, notShared.StatusCode);
        }

        // Audited in the vendor's chain and in the hospital's.
        await using (var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var entries = await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName])
                .Where(e => e.Action == "Evidence.Downloaded" && e.TargetId == v1.ToString())
                .Select(e => new { e.TenantId, e.ActorUserId }).ToListAsync(Ct);
            Assert.Contains(entries, e => e.TenantId == vendor.Organisation.Id && e.ActorUserId == hospital.Auditor.Id);
            Assert.Contains(entries, e => e.TenantId == hospital.Organisation.Id && e.ActorUserId == hospital.Auditor.Id);
        }

        // Another hospital still sees nothing.
        Assert.Null(await WithServiceAsync(app, other.Ciso, s => s.ResolveFileAsync(v1, Ct)));
        Assert.Empty(await WithServiceAsync(app, other.Ciso, s => s.ListSharedWithUsAsync(Ct)));

        // Withdrawn: gone again.
        Assert.True((await WithServiceAsync(app, vendor.Admin, s => s.RevokeShareAsync(v1, hospital.Organisation.Id, Ct))).Succeeded);
        Assert.Null(await WithServiceAsync(app, hospital.Auditor, s => s.ResolveFileAsync(v1, Ct)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_hospital_keeps_the_signed_file_of_a_contract_on_its_engagement(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var other = await Hospital.CreateAsync(app);
        var vendor = await VendorOrg.CreateAsync(app);
        var register = await Register.CreateAsync(app, hospital);

        // The auditor reads contracts but may not attach files.
        Assert.False((await WithServiceAsync(app, hospital.Auditor, s => s.AttachContractFileAsync(register.EngagementId, register.ContractId, Upload(EvidenceSamples.Pdf(), "dpa.pdf"), Ct))).Succeeded);
        Assert.False((await WithServiceAsync(app, other.Procurement, s => s.AttachContractFileAsync(register.EngagementId, register.ContractId, Upload(EvidenceSamples.Pdf(), "dpa.pdf"), Ct))).Succeeded);
        var attached = await WithServiceAsync(app, hospital.Dpo, s => s.AttachContractFileAsync(register.EngagementId, register.ContractId, Upload(EvidenceSamples.Pdf(), "DPA signed.pdf"), Ct));
        Assert.True(attached.Succeeded, attached.Error);
        Assert.True((await WithServiceAsync(app, hospital.Procurement, s => s.AttachContractFileAsync(register.EngagementId, register.ContractId, Upload(EvidenceSamples.Docx(), "DPA v2.docx"), Ct))).Succeeded);

        var files = await WithServiceAsync(app, hospital.Auditor, s => s.ContractFilesAsync(register.EngagementId, Ct));
        var file = files[register.ContractId];
        Assert.Equal((2, "DPA v2.docx"), (file.Number, file.FileName));
        var documents = await WithServiceAsync(app, hospital.Auditor, s => s.ListEngagementDocumentsAsync(register.EngagementId, Ct));
        Assert.Equal(EvidenceDocumentType.DataProcessingAgreement, Assert.Single(documents).Type);

        using (var client = await SignedInClientAsync(app, hospital.Auditor))
        using (var ok = await client.GetAsync(new Uri($"/evidence/files/{file.Id}/download", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Null(await WithServiceAsync(app, vendor.Admin, s => s.ResolveFileAsync(file.Id, Ct)));
        Assert.Null(await WithServiceAsync(app, other.Ciso, s => s.ResolveFileAsync(file.Id, Ct)));
        Assert.Empty(await WithServiceAsync(app, other.Ciso, s => s.ContractFilesAsync(register.EngagementId, Ct)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Expiring_documents_are_listed_and_each_reminder_is_sent_once(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await VendorOrg.CreateAsync(app);
        var hospital = await Hospital.CreateAsync(app);
        var today = DateTime.UtcNow.Date;
        var (soon, soonVersion) = await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: Certificate("Expires soon", today.AddDays(5)));
        await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: new EvidenceForm { Type = EvidenceDocumentType.InsuranceCertificate, Title = "Expired", ExpiresOn = today.AddDays(-1) });
        await UploadAsync(app, vendor.Admin, EvidenceSamples.Pdf(), form: Certificate("Far away", today.AddDays(400)));
        Assert.True((await WithServiceAsync(app, vendor.Admin, s => s.ShareAsync(soonVersion, hospital.Organisation.Id, null, Ct))).Succeeded);

        var expiring = await WithServiceAsync(app, vendor.Contributor, s => s.ListExpiringAsync(Ct));
        Assert.Equal([ExpiryBand.Expired, ExpiryBand.Within7Days], expiring.Select(d => d.Band));
        var hospitalView = await WithServiceAsync(app, hospital.Procurement, s => s.ListExpiringAsync(Ct));
        Assert.Equal(soon, Assert.Single(hospitalView).Id);

        await using var maintenanceScope = app.Services.CreateAsyncScope();
        var maintenance = maintenanceScope.ServiceProvider.GetRequiredService<EvidenceMaintenance>();
        await maintenance.SendRemindersAsync(Ct);
        await maintenance.SendRemindersAsync(Ct);
        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var reminders = await db.EvidenceReminders.IgnoreQueryFilters([TenantModelConventions.FilterName]).Where(r => r.TenantId == vendor.Organisation.Id).ToListAsync(Ct);
        Assert.Equal(3, reminders.Count); // soon → vendor and hospital; expired → vendor
        Assert.Contains(reminders, r => r.DocumentId == soon && r.RecipientOrganisationId == hospital.Organisation.Id && r.Band == ExpiryBand.Within7Days);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_vendor_roles_keep_a_library_and_only_hospital_roles_read_shared_evidence(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await VendorOrg.CreateAsync(app);
        var hospital = await Hospital.CreateAsync(app);
        foreach (var user in new[] { vendor.Admin, vendor.Contributor })
        {
            Assert.True((await WithServiceAsync(app, user, s => s.CreateDocumentAsync(Certificate(), Upload(EvidenceSamples.Pdf()), Ct))).Succeeded);
        }

        foreach (var user in new[] { hospital.Procurement, hospital.Ciso, hospital.Auditor, hospital.Dpo })
        {
            Assert.False((await WithServiceAsync(app, user, s => s.CreateDocumentAsync(Certificate(), Upload(EvidenceSamples.Pdf()), Ct))).Succeeded);
            Assert.Empty(await WithServiceAsync(app, user, s => s.ListLibraryAsync(Ct)));
        }

        Assert.Empty(await WithServiceAsync(app, vendor.Admin, s => s.ListSharedWithUsAsync(Ct)));
        Assert.Empty(await WithServiceAsync(app, vendor.Admin, s => s.ListEngagementDocumentsAsync(null, Ct)));
    }
}
