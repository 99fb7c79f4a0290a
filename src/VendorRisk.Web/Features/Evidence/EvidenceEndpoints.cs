using System.Net.Mime;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using VendorRisk.Domain.Evidence;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Startup;

namespace VendorRisk.Web.Features.Evidence;

/// <summary>
/// <c>GET /evidence/files/{versionId}/download</c> and <c>…/preview</c>: the decrypted file for a
/// user the evidence service lets have it, verified whole before the first byte is sent, then
/// streamed chunk by chunk; every serve is audited. Quarantined, missing or tampered files are
/// refused with a message, never served.
/// </summary>
internal static class EvidenceEndpoints
{
    public static void MapEvidenceEndpoints(this WebApplication app)
    {
        app.MapGet("/evidence/files/{versionId:guid}/download", (Guid versionId, HttpContext context, EvidenceService service, EvidenceVault vault, IStringLocalizer<SharedResource> l) =>
                ServeAsync(versionId, inline: false, context, service, vault, l))
            .RequireAuthorization(Policies.EvidenceDownload)
            .WithName("DownloadEvidence");

        app.MapGet("/evidence/files/{versionId:guid}/preview", (Guid versionId, HttpContext context, EvidenceService service, EvidenceVault vault, IStringLocalizer<SharedResource> l) =>
                ServeAsync(versionId, inline: true, context, service, vault, l))
            .RequireAuthorization(Policies.EvidenceDownload)
            .WithName("PreviewEvidence");
    }

    private static async Task ServeAsync(Guid versionId, bool inline, HttpContext context, EvidenceService service, EvidenceVault vault, IStringLocalizer<SharedResource> l)
    {
        var cancellationToken = context.RequestAborted;
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-store";
        var file = await service.ResolveFileAsync(versionId, cancellationToken);
        if (file is null)
        {
            await TextAsync(response, StatusCodes.Status404NotFound, l["Evidence_FileNotFound"], cancellationToken);
            return;
        }

        if (file.ScanStatus is not (EvidenceScanStatus.Clean or EvidenceScanStatus.NotScanned))
        {
            await TextAsync(response, StatusCodes.Status409Conflict, l["Evidence_FileQuarantined"], cancellationToken);
            return;
        }

        var stored = new StoredVersionRef(file.OwnerTenantId, file.StorageKey, file.WrappedDataKey, file.Sha256);
        var outcome = await vault.VerifyAsync(stored, cancellationToken);
        if (outcome != VerifyOutcome.Intact)
        {
            await service.ReportIntegrityFailureAsync(file, outcome, CancellationToken.None);
            await TextAsync(response, StatusCodes.Status500InternalServerError, l["Evidence_FileDamaged"], cancellationToken);
            return;
        }

        await service.RecordDownloadAsync(file, inline && file.Kind.CanPreview(), CancellationToken.None);
        var preview = inline && file.Kind.CanPreview();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.Kind.ContentType();
        response.ContentLength = file.Length;
        var disposition = new ContentDispositionHeaderValue(preview ? DispositionTypeNames.Inline : DispositionTypeNames.Attachment);
        disposition.SetHttpFileName(file.FileName);
        response.Headers.ContentDisposition = disposition.ToString();

        // A preview is a document of its own: no script, no plugin but the browser's PDF viewer,
        // no framing by other sites; images are additionally sandboxed.
        response.HttpContext.UseOwnContentSecurityPolicy(file.Kind == EvidenceFileKind.Pdf
            ? "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
            : "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
        try
        {
            await vault.ReadAsync(stored, response.Body, cancellationToken);
        }
        catch (EvidenceIntegrityException)
        {
            // Changed between the check and the serve: cut the connection so the client sees a failed download, not a short file.
            await service.ReportIntegrityFailureAsync(file, VerifyOutcome.Tampered, CancellationToken.None);
            context.Abort();
        }
    }

    private static async Task TextAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(message, cancellationToken);
    }
}
