using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Audit;

/// <summary>The filters of the audit page and its CSV export; empty fields filter nothing.</summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? FromUtc = null, DateTimeOffset? ToUtc = null)
{
    public const int MaxFilterLength = 200;
}

/// <summary>
/// One page of events, the number of events matching the filters, and the display names of the
/// page's actors (kept outside the chain, erasable: ADR 0013).
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, int Total, IReadOnlyDictionary<string, string?>? ActorNames = null)
{
    /// <summary>The actor as shown: the erasable name of the account, or the name in the entry (older entries, unknown accounts).</summary>
    public string? ActorOf(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // A known account's current name; null once erased, even for older entries that still carry it.
        return entry.ActorUserId is { } id && ActorNames is not null && ActorNames.TryGetValue(id, out var name)
            ? name
            : entry.ActorName;
    }
}

/// <summary>
/// The audit log of the organisation the user acts for: search, export and verification. Reads go
/// through the tenant-filtered context (a hospital's auditor sees its chain only, guessed ids
/// included); verification walks the same tenant's chain and nothing else.
/// </summary>
public sealed class AuditLogService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    CurrentUser user,
    AuditVerifier verifier,
    AuditHeadFile heads,
    IAuditLog auditLog)
{
    /// <summary>More than this many rows in one export is refused: narrow the filters instead.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<AuditPage> SearchAsync(AuditQuery query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureAllowed();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query);
        var total = await filtered.CountAsync(cancellationToken);
        var items = await filtered
            .OrderByDescending(e => e.Sequence)
            .Skip(Math.Max(0, page) * Math.Clamp(pageSize, 1, 200))
            .Take(Math.Clamp(pageSize, 1, 200))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total, await NamesAsync(db, items.Select(e => e.ActorUserId), cancellationToken));
    }

    /// <summary>The filtered events as CSV (UTF-8 with BOM for Excel), oldest first; the export is itself audited.</summary>
    /// <summary>How many events an export with these filters would return (for the bulk-read count).</summary>
    public async Task<int> CountForExportAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureAllowed();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return Math.Min(await Filter(db, query).CountAsync(cancellationToken), MaxExportRows);
    }

    public async Task<byte[]> ExportCsvAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureAllowed();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.AppendLine("sequence,time_utc,actor_id,actor,action,target_type,target_id,changes,ip,user_agent,correlation_id,previous_hash,hash");
        var count = 0;
        var events = await Filter(db, query).OrderBy(e => e.Sequence).Take(MaxExportRows).AsNoTracking().ToListAsync(cancellationToken);
        var names = new AuditPage(events, events.Count, await NamesAsync(db, events.Select(e => e.ActorUserId), cancellationToken));
        foreach (var e in events)
        {
            count++;
            csv.AppendJoin(',', new[]
            {
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                e.OccurredAtUtc.ToString("O", CultureInfo.InvariantCulture),
                e.ActorUserId,
                names.ActorOf(e),
                e.Action,
                e.TargetType,
                e.TargetId,
                e.Changes,
                e.IpAddress,
                e.UserAgent,
                e.CorrelationId,
                e.PreviousHash,
                e.Hash,
            }.Select(Cell)).AppendLine();
        }

        await auditLog.RecordAsync(
            "AuditLog.Exported",
            "AuditLog",
            null,
            [
                new("Filters", null, Describe(query)),
                new("Rows", null, count.ToString(CultureInfo.InvariantCulture)),
            ],
            cancellationToken);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Walks the current organisation's chain, against its last exported head.</summary>
    public async Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        EnsureAllowed();
        var tenant = user.Principal.GetOrganisationId() ?? throw new UnauthorizedAccessException();
        return await verifier.VerifyChainAsync(tenant, heads, cancellationToken);
    }

    private static async Task<Dictionary<string, string?>> NamesAsync(VendorRiskDbContext db, IEnumerable<string?> actorIds, CancellationToken cancellationToken)
    {
        var ids = actorIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0
            ? []
            : await db.AuditActorNames.AsNoTracking().Where(n => ids.Contains(n.UserId)).ToDictionaryAsync(n => n.UserId, n => n.DisplayName, StringComparer.Ordinal, cancellationToken);
    }

    private void EnsureAllowed()
    {
        if (!user.Principal.Allows(Policies.AuditRead))
        {
            throw new UnauthorizedAccessException("The audit log is for auditors, CISOs and administrators.");
        }
    }

#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); culture overloads do not translate.
    private static IQueryable<AuditEvent> Filter(VendorRiskDbContext db, AuditQuery query)
    {
        IQueryable<AuditEvent> events = db.AuditEvents;
        if (Clean(query.Actor) is { } actor)
        {
            var lower = actor.ToLowerInvariant();
            events = events.Where(e => e.ActorUserId == actor
                || (e.ActorName != null && e.ActorName.ToLower().Contains(lower)
                    && !db.AuditActorNames.Any(n => n.UserId == e.ActorUserId && n.ErasedAtUtc != null))
                || db.AuditActorNames.Any(n => n.UserId == e.ActorUserId && n.DisplayName != null && n.DisplayName.ToLower().Contains(lower)));
        }

        if (Clean(query.Action) is { } action)
        {
            var lower = action.ToLowerInvariant();
            events = events.Where(e => e.Action.ToLower().Contains(lower));
        }

        if (Clean(query.Target) is { } target)
        {
            var lower = target.ToLowerInvariant();
            events = events.Where(e => e.TargetId == target || (e.TargetType != null && e.TargetType.ToLower() == lower));
        }

        if (query.FromUtc is { } from)
        {
            events = events.Where(e => e.OccurredAtUtc >= from.ToUniversalTime());
        }

        if (query.ToUtc is { } to)
        {
            events = events.Where(e => e.OccurredAtUtc < to.ToUniversalTime());
        }

        return events;
    }
#pragma warning restore CA1304, CA1311, CA1862

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > AuditQuery.MaxFilterLength ? trimmed[..AuditQuery.MaxFilterLength] : trimmed;
    }

    private static string Describe(AuditQuery query) => string.Join(
        "; ",
        new[]
        {
            Clean(query.Actor) is { } a ? $"actor={a}" : null,
            Clean(query.Action) is { } b ? $"action={b}" : null,
            Clean(query.Target) is { } c ? $"target={c}" : null,
            query.FromUtc is { } f ? $"from={f.ToUniversalTime():O}" : null,
            query.ToUtc is { } t ? $"to={t.ToUniversalTime():O}" : null,
        }.OfType<string>());

    /// <summary>Quotes every cell and defuses spreadsheet formulas (a value starting with = + - @ is prefixed with ').</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
