using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Audit;

/// <summary>
/// Reads chains from the database in sequence order and walks them with
/// <see cref="AuditChainVerifier"/>, against the last head exported for each. Platform code: it
/// reads across tenants, so pages call <see cref="VerifyChainAsync"/> with the user's own tenant only.
/// </summary>
public sealed class AuditVerifier(PlatformDbContextFactory contexts)
{
    /// <summary>Every chain in the database, and every chain the head file knows (a chain deleted entirely is then truncated, not absent).</summary>
    public async Task<IReadOnlyList<AuditChainVerification>> VerifyAllAsync(AuditHeadFile? heads, CancellationToken cancellationToken = default)
    {
        var exported = heads?.ReadLastHeads() ?? new Dictionary<Guid, AuditHead>();
        List<Guid> chains;
        await using (var db = contexts.CreateSystemContext())
        {
            chains = await db.AuditEvents
                .IgnoreQueryFilters([TenantModelConventions.FilterName])
                .Select(e => e.TenantId)
                .Distinct()
                .ToListAsync(cancellationToken);
        }

        var results = new List<AuditChainVerification>();
        foreach (var chain in chains.Union(exported.Keys).Order())
        {
            results.Add(await WalkAsync(chain, exported.GetValueOrDefault(chain), cancellationToken));
        }

        return results;
    }

    /// <summary>One chain, against its last exported head when the head file has one.</summary>
    public Task<AuditChainVerification> VerifyChainAsync(Guid chain, AuditHeadFile? heads, CancellationToken cancellationToken = default) =>
        WalkAsync(chain, heads?.ReadLastHeads().GetValueOrDefault(chain), cancellationToken);

    private async Task<AuditChainVerification> WalkAsync(Guid chain, AuditHead? head, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateSystemContext();
        var verifier = new AuditChainVerifier(chain, head);
        var rows = db.AuditEvents
            .IgnoreQueryFilters([TenantModelConventions.FilterName])
            .AsNoTracking()
            .Where(e => e.TenantId == chain)
            .OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (!verifier.Add(row))
            {
                break;
            }
        }

        return verifier.Complete();
    }

    /// <summary>The current head of every chain, for the head export.</summary>
    public async Task<IReadOnlyList<AuditHead>> CurrentHeadsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateSystemContext();
        var heads = await db.AuditEvents
            .IgnoreQueryFilters([TenantModelConventions.FilterName])
            .GroupBy(e => e.TenantId)
            .Select(g => new { Chain = g.Key, Sequence = g.Max(e => e.Sequence) })
            .ToListAsync(cancellationToken);
        var result = new List<AuditHead>();
        foreach (var head in heads)
        {
            var hash = await db.AuditEvents
                .IgnoreQueryFilters([TenantModelConventions.FilterName])
                .Where(e => e.TenantId == head.Chain && e.Sequence == head.Sequence)
                .Select(e => e.Hash)
                .SingleAsync(cancellationToken);
            result.Add(new AuditHead(now, head.Chain, head.Sequence, hash));
        }

        return result;
    }
}
