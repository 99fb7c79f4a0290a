using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Audit;
using VendorRisk.Domain.Tenancy;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Audit;

/// <summary>
/// Records every created, changed and deleted tenant-owned record in its tenant's audit chain,
/// with the changed fields (old and new values; secret values never). Changes are captured before
/// the save (when the original values are still known) and appended once it has succeeded, so a
/// refused save leaves no audit entry. Runs after <see cref="TenantSaveChangesInterceptor"/>,
/// which has stamped the tenant by then.
/// </summary>
public sealed class AuditSaveChangesInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    /// <summary>Property names whose values are never written to the log (only that they changed).</summary>
    private static readonly string[] SecretMarkers = ["Password", "SecurityStamp", "Token", "Secret", "AuthenticatorKey", "RecoveryCode", "Hash"];

    /// <summary>Bookkeeping that changes with every edit and tells an auditor nothing.</summary>
    // SearchText is derived from the names (folded for accent-insensitive search, ADR 0011): the name change is the record.
    // CompletionPercent is derived from the answers (recomputed by every autosave): the answer's own change is the record.
    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal) { "ConcurrencyToken", "ConcurrencyStamp", nameof(ITenantOwned.TenantId), "SearchText", "CompletionPercent" };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Capture(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Capture(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Take(eventData.Context) is { Count: > 0 } pending)
        {
            // Synchronous saves are rare (none in the app); the append itself is async.
            Writer.AppendAsync(pending).GetAwaiter().GetResult();
        }

        return base.SavedChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Take(eventData.Context) is { Count: > 0 } pending)
        {
            // Not the caller's token: the change is committed, its audit entry must follow.
            await Writer.AppendAsync(pending, CancellationToken.None);
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Take(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Take(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private AuditChainWriter Writer => services.GetRequiredService<AuditChainWriter>();

    private static List<(Guid Chain, AuditRecord Record)>? Take(DbContext? context)
    {
        if (context is not VendorRiskDbContext db || db.PendingAudit.Count == 0)
        {
            return null;
        }

        var pending = db.PendingAudit.ToList();
        db.PendingAudit.Clear();
        return pending;
    }

    private void Capture(DbContext? context)
    {
        if (context is not VendorRiskDbContext db)
        {
            return;
        }

        db.PendingAudit.Clear();
        var actor = services.GetService<IAuditActorAccessor>()?.Current ?? AuditActor.Platform;
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            // Export counters are bookkeeping (one row per user and hour, updated in SQL); what matters —
            // a step-up demanded, a refusal, an alert — is audited explicitly.
            if (entry.Entity is AuditEvent or Domain.Alerts.ExportCounter || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            var type = entry.Metadata.ClrType.Name;
            var verb = entry.State switch
            {
                EntityState.Added => "Created",
                EntityState.Modified => "Changed",
                _ => "Deleted",
            };
            db.PendingAudit.Add((entry.Entity.TenantId, new AuditRecord(
                now,
                actor.UserId,
                actor.Name,
                $"{type}.{verb}",
                type,
                Key(entry),
                changes,
                actor.IpAddress,
                actor.UserAgent,
                actor.CorrelationId)));
        }
    }

    private static List<AuditFieldChange> Changes(EntityEntry entry)
    {
        var changes = new List<AuditFieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Noise.Contains(name))
            {
                continue;
            }

            var (include, oldValue, newValue) = entry.State switch
            {
                EntityState.Added => (property.CurrentValue is not null && !property.Metadata.IsPrimaryKey(), null, Format(property.CurrentValue)),
                EntityState.Deleted => (!property.Metadata.IsPrimaryKey(), Format(property.OriginalValue), null),
                _ => (property.IsModified && !Equals(Format(property.OriginalValue), Format(property.CurrentValue)), Format(property.OriginalValue), Format(property.CurrentValue)),
            };
            if (!include)
            {
                continue;
            }

            changes.Add(IsSecret(name)
                ? new AuditFieldChange(name, null, null, Redacted: true)
                : new AuditFieldChange(name, oldValue, newValue));
        }

        return changes;
    }

    private static bool IsSecret(string propertyName) =>
        SecretMarkers.Any(m => propertyName.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static string Key(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null
            ? string.Empty
            : string.Join("/", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue)));
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset d => d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => JsonSerializer.Serialize(items.Cast<object?>().Select(Format)),
        _ => value.ToString(),
    };
}
