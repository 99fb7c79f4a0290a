using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Audit;

/// <summary>
/// Appends events to their chains. The next sequence number and previous hash come from the
/// chain's current head; the primary key (chain, sequence) makes a concurrent writer that read the
/// same head fail, and that writer re-reads the head and tries again. No lock is held between
/// appends, which works the same on SQLite and PostgreSQL and across several app nodes.
/// </summary>
public sealed class AuditChainWriter(PlatformDbContextFactory contexts)
{
    private const int MaxAttempts = 20;

    // One appender per chain at a time in this process: a busy hospital's concurrent saves would
    // otherwise race for the same head and retry (under load, 20 attempts were not always enough).
    // The primary key still decides between app nodes.
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> ChainLocks = new();

    /// <summary>Appends <paramref name="records"/> in order, each to its chain (a tenant id or <see cref="AuditChain.PlatformChain"/>).</summary>
    public async Task AppendAsync(IReadOnlyList<(Guid Chain, AuditRecord Record)> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var chain in records.GroupBy(r => r.Chain))
        {
            await AppendToChainAsync(chain.Key, [.. chain.Select(r => r.Record)], cancellationToken);
        }
    }

    public Task AppendAsync(Guid chain, AuditRecord record, CancellationToken cancellationToken = default) =>
        AppendToChainAsync(chain, [record], cancellationToken);

    private async Task AppendToChainAsync(Guid chain, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await RememberNamesAsync(records, cancellationToken);
        records = [.. records.Select(r => r.ForChain())];
        var gate = ChainLocks.GetOrAdd(chain, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await AppendUnderGateAsync(chain, records, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task AppendUnderGateAsync(Guid chain, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.CreateSystemContext();
            var head = await db.AuditEvents
                .IgnoreQueryFilters([TenantModelConventions.FilterName])
                .Where(e => e.TenantId == chain)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditChain.GenesisHash;
            foreach (var record in records)
            {
                var entry = new AuditEvent(chain, ++sequence, previous, record);
                db.AuditEvents.Add(entry);
                previous = entry.Hash;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
            {
                // Another writer took this sequence number: wait a little (jittered) and re-read the head.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Keeps each account's latest display name in the erasable <c>AuditActorNames</c> table: the
    /// chain itself names the account by id only (ADR 0013). Two writers inserting the same new
    /// actor at once: the loser finds the row on its next attempt.
    /// </summary>
    private async Task RememberNamesAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        var names = records
            .Where(r => r.ActorUserId is not null && !string.IsNullOrWhiteSpace(r.ActorName))
            .GroupBy(r => r.ActorUserId!)
            .ToDictionary(g => g.Key, g => g.Last().ActorName!);
        if (names.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.CreateSystemContext();
            var ids = names.Keys.ToList();
            var known = await db.AuditActorNames.Where(n => ids.Contains(n.UserId)).ToDictionaryAsync(n => n.UserId, cancellationToken);
            foreach (var (userId, name) in names)
            {
                if (known.TryGetValue(userId, out var row))
                {
                    row.Rename(name);
                }
                else
                {
                    db.AuditActorNames.Add(new AuditActorName(userId, name));
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
            }
        }
    }

    private static bool IsLostRace(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure,
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 /* CONSTRAINT */ or 5 /* BUSY */,
        _ => false,
    };
}
