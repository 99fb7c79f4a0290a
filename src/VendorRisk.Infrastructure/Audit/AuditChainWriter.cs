using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Audit;

/// <summary>
/// Appends events to their chains (ADR 0006). The next sequence number and previous hash come from
/// the chain's current head; the primary key (chain, sequence) makes a concurrent writer that read
/// the same head fail, and that writer re-reads the head and tries again — which is what settles
/// races between app nodes.
/// <para>
/// Within one process, appends to one chain are <b>group-committed</b> (ADR 0018): callers hand
/// their records to the chain's queue and wait; one drainer per chain writes everything queued so
/// far in one transaction (one head read, one commit, one WAL flush for many saves), then the next
/// batch. A busy hospital's concurrent saves therefore neither race for the head nor pay one commit
/// each. A caller's records stay together and in order; a caller is released only once its records
/// are committed. Once handed over, records are written even if the caller stops waiting: an audit
/// entry is never dropped because a request was cancelled.
/// </para>
/// </summary>
public sealed class AuditChainWriter(IServiceScopeFactory scopes)
{
    private const int MaxAttempts = 20;

    /// <summary>Most callers' batches written in one transaction; bounds the transaction under a burst.</summary>
    internal const int MaxCallersPerCommit = 256;

    private readonly ConcurrentDictionary<Guid, ChainQueue> _queues = new();

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

    private Task AppendToChainAsync(Guid chain, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(records);
        var queue = _queues.GetOrAdd(chain, c => new ChainQueue(c));
        if (queue.Enqueue(pending))
        {
            _ = Task.Run(() => DrainAsync(queue), CancellationToken.None);
        }

        return pending.Committed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes the chain's queued appends batch after batch until the queue is empty.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Every failure is handed to the waiting callers; the drainer itself must never fault unobserved.")]
    private async Task DrainAsync(ChainQueue queue)
    {
        while (queue.TakeBatch(MaxCallersPerCommit) is { Count: > 0 } batch)
        {
            try
            {
                await WriteAsync(queue.Chain, batch);
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetResult();
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One caller's bad record must not fail its neighbours: write each caller's records on their own.
                foreach (var pending in batch)
                {
                    try
                    {
                        await WriteAsync(queue.Chain, [pending]);
                        pending.Committed.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        pending.Committed.TrySetException(ex);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Committed.TrySetException(ex);
            }
        }
    }

    /// <summary>One transaction: the actors' erasable names (ADR 0013) and every record of <paramref name="batch"/>, in order.</summary>
    private async Task WriteAsync(Guid chain, IReadOnlyList<PendingAppend> batch)
    {
        var records = batch.SelectMany(p => p.Records).ToList();

        // The chain itself names an account by id only (ADR 0013); its latest display name lives in
        // the erasable AuditActorNames table.
        var names = records
            .Where(r => r.ActorUserId is not null && !string.IsNullOrWhiteSpace(r.ActorName))
            .GroupBy(r => r.ActorUserId!)
            .ToDictionary(g => g.Key, g => g.Last().ActorName!);
        var entries = records.Select(r => r.ForChain()).ToList();

        await using var scope = scopes.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.CreateSystemContext();
            if (names.Count > 0)
            {
                var ids = names.Keys.ToList();
                var known = await db.AuditActorNames.Where(n => ids.Contains(n.UserId)).ToDictionaryAsync(n => n.UserId);
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
            }

            var head = await db.AuditEvents
                .IgnoreQueryFilters([TenantModelConventions.FilterName])
                .Where(e => e.TenantId == chain)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync();
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditChain.GenesisHash;
            foreach (var record in entries)
            {
                var entry = new AuditEvent(chain, ++sequence, previous, record);
                db.AuditEvents.Add(entry);
                previous = entry.Hash;
            }

            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (DbUpdateException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
            {
                // Another node took this sequence number (or added the same new actor): wait a little (jittered) and re-read.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt));
            }
        }
    }

    private static bool IsLostRace(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure,
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 /* CONSTRAINT */ or 5 /* BUSY */,
        _ => false,
    };

    private sealed class PendingAppend(IReadOnlyList<AuditRecord> records)
    {
        public IReadOnlyList<AuditRecord> Records { get; } = records;

        // Continuations run on the waiting callers' side, never inline on the drainer.
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ChainQueue(Guid chain)
    {
        private readonly Lock _gate = new();
        private readonly List<PendingAppend> _items = [];
        private bool _draining;

        public Guid Chain { get; } = chain;

        /// <summary>Queues <paramref name="pending"/>; true when the caller must start the drainer.</summary>
        public bool Enqueue(PendingAppend pending)
        {
            lock (_gate)
            {
                _items.Add(pending);
                if (_draining)
                {
                    return false;
                }

                _draining = true;
                return true;
            }
        }

        /// <summary>The oldest queued appends (at most <paramref name="max"/>); empty, and the drainer stops, when none is left.</summary>
        public List<PendingAppend> TakeBatch(int max)
        {
            lock (_gate)
            {
                if (_items.Count == 0)
                {
                    _draining = false;
                    return [];
                }

                var count = Math.Min(max, _items.Count);
                var batch = _items.GetRange(0, count);
                _items.RemoveRange(0, count);
                return batch;
            }
        }
    }
}
