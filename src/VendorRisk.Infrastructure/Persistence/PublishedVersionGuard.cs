using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>
/// The database-side half of "a published version never changes". The domain refuses changes to a
/// published version; this interceptor also refuses any save that would alter one behind the
/// domain's back (a property set through EF, a raw content change, a delete). The only allowed
/// change of a published version is retiring it.
/// </summary>
public sealed class PublishedVersionGuard : SaveChangesInterceptor
{
    private static readonly HashSet<string> RetirementProperties =
        [nameof(TemplateVersion.Status), nameof(TemplateVersion.RetiredAtUtc)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries<TemplateVersion>())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var originalStatus = entry.Property(v => v.Status).OriginalValue;
            if (originalStatus == TemplateVersionStatus.Draft)
            {
                continue;
            }

            if (entry.State == EntityState.Deleted)
            {
                throw new PublishedVersionImmutableException($"Version {entry.Entity.Number} is {originalStatus} and cannot be deleted.");
            }

            var changed = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
            var retiring = originalStatus == TemplateVersionStatus.Published && entry.Entity.Status == TemplateVersionStatus.Retired;
            if (changed.Exists(name => !(retiring && RetirementProperties.Contains(name))))
            {
                throw new PublishedVersionImmutableException(
                    $"Version {entry.Entity.Number} is {originalStatus} and can no longer change ({string.Join(", ", changed)}); create a new draft version.");
            }
        }
    }
}
