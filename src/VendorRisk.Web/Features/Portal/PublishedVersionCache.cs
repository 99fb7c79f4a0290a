using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Portal;

/// <summary>
/// Questionnaire versions that assessments were sent with, parsed once. An assessment always
/// points to a published version, whose content never changes (ADR 0004), so every autosave of a
/// 300-question assessment need not read and parse the whole questionnaire again — that was most
/// of an autosave's CPU under load (docs/performance.md). The version is first read through the
/// caller's tenant-filtered context, so the cache never hands a version to a context that could not
/// read it: it is keyed by id and only consulted with the id of an assessment already opened.
/// Read-only use only (the cached instance is shared between circuits).
/// </summary>
public sealed class PublishedVersionCache
{
    private const int MaxEntries = 512;
    private readonly ConcurrentDictionary<Guid, TemplateVersion> _versions = new();

    public async Task<TemplateVersion> GetAsync(VendorRiskDbContext db, Guid versionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_versions.TryGetValue(versionId, out var cached))
        {
            return cached;
        }

        var version = await db.TemplateVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
        if (version.Status != TemplateVersionStatus.Draft)
        {
            if (_versions.Count >= MaxEntries)
            {
                _versions.Clear();
            }

            _versions.TryAdd(versionId, version);
        }

        return version;
    }
}
