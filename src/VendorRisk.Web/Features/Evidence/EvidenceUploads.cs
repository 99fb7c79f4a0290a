using Microsoft.AspNetCore.Components.Forms;

namespace VendorRisk.Web.Features.Evidence;

/// <summary>Turns a browser file into an upload for the service, with Blazor's limits set on purpose.</summary>
internal static class EvidenceUploads
{
    /// <summary>
    /// Opens the browser file for reading with <c>maxAllowedSize</c> one byte over the vault's
    /// limit (so an oversized file reaches the vault's own check and its message, rather than
    /// Blazor's exception); the declared size short-cuts a file the browser already says is too big.
    /// The stream is read in small chunks over the circuit, never buffered whole.
    /// </summary>
    public static EvidenceUpload From(IBrowserFile file, long maxFileBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stream = file.Size > maxFileBytes ? Stream.Null : file.OpenReadStream(maxAllowedSize: maxFileBytes + 1, cancellationToken);
        return new EvidenceUpload(stream, file.Name, file.Size);
    }
}
