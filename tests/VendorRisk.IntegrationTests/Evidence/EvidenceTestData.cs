using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Evidence;

namespace VendorRisk.IntegrationTests.Evidence;

internal sealed record VendorOrg(Organisation Organisation, TestUser Admin, TestUser Contributor)
{
    public static async Task<VendorOrg> CreateAsync(VendorRiskAppFactory app)
    {
        var organisation = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        return new VendorOrg(
            organisation,
            await app.CreateUserAsync(organisation, OrganisationRole.VendorAdmin),
            await app.CreateUserAsync(organisation, OrganisationRole.VendorContributor));
    }
}

internal static class EvidenceTestData
{
    public static EvidenceForm Certificate(string title = "ISO 27001 certificate", DateTime? expires = null) => new()
    {
        Type = EvidenceDocumentType.Iso27001Certificate,
        Title = title,
        Issuer = "AFNOR Certification",
        IssuedOn = new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Unspecified),
        ExpiresOn = expires ?? new DateTime(2028, 1, 14, 0, 0, 0, DateTimeKind.Unspecified),
    };

    public static EvidenceUpload Upload(byte[] content, string? name = "certificate.pdf") => new(new MemoryStream(content), name);

    /// <summary>Uploads a new document as <paramref name="user"/>; returns its id and current version id.</summary>
    public static async Task<(Guid DocumentId, Guid VersionId)> UploadAsync(VendorRiskAppFactory app, TestUser user, byte[] content, string name = "certificate.pdf", EvidenceForm? form = null)
    {
        await using var scope = app.ScopeFor(user);
        var service = scope.ServiceProvider.GetRequiredService<EvidenceService>();
        var result = await service.CreateDocumentAsync(form ?? Certificate(), Upload(content, name));
        Assert.True(result.Succeeded, result.Error);
        var details = await service.GetDocumentAsync(result.Id!.Value);
        return (result.Id.Value, details!.Versions[0].Id);
    }

    public static async Task<T> WithServiceAsync<T>(VendorRiskAppFactory app, TestUser user, Func<EvidenceService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(user);
        return await action(scope.ServiceProvider.GetRequiredService<EvidenceService>());
    }

    public static async Task<VaultVersion> VersionAsync(VendorRiskAppFactory app, Guid versionId)
    {
        await using var db = app.Services.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return await db.VaultVersions.IgnoreQueryFilters([TenantModelConventions.FilterName]).SingleAsync(v => v.Id == versionId);
    }

    public static string StoredPath(VendorRiskAppFactory app, string storageKey) =>
        ((LocalEvidenceStorage)app.Services.GetRequiredService<IEvidenceStorage>()).PathOf(storageKey);

    public static string StorageRoot(VendorRiskAppFactory app) =>
        ((LocalEvidenceStorage)app.Services.GetRequiredService<IEvidenceStorage>()).Root;

    public static string IncomingFolder(VendorRiskAppFactory app) =>
        Path.Combine(app.Database.Directory, "evidence-incoming");

    public static async Task<HttpClient> SignedInClientAsync(VendorRiskAppFactory app, TestUser user)
    {
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);
        return client;
    }
}

/// <summary>A stream of <paramref name="length"/> bytes made on the fly: a PDF header, filler and a PDF trailer. Nothing is held in memory.</summary>
internal sealed class GeneratedPdfStream(long length) : Stream
{
    private static readonly byte[] Head = "%PDF-1.7\n%"u8.ToArray();
    private static readonly byte[] Tail = "\n%%EOF\n"u8.ToArray();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        for (var i = 0; i < n; i++)
        {
            var p = _position + i;
            buffer[offset + i] = p < Head.Length ? Head[p] : p >= length - Tail.Length ? Tail[p - (length - Tail.Length)] : (byte)'a';
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
