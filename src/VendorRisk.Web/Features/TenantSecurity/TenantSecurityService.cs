using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Alerts;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.TenantSecurity;

/// <summary>The thresholds as the settings page edits them.</summary>
public sealed record ExportThresholds(int StepUpThreshold, int RefusalThreshold, int BaselineMultiplier);

/// <summary>Reads and changes the organisation's bulk-read thresholds (policy <see cref="Policies.TenantSecurityEdit"/>); changes are audited as record changes.</summary>
public sealed class TenantSecurityService(IDbContextFactory<VendorRiskDbContext> contexts, CurrentUser currentUser, IStringLocalizer<SharedResource> localizer)
{
    public async Task<ExportThresholds> GetAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await db.TenantSecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new TenantSecuritySettings();
        return new ExportThresholds(settings.StepUpThreshold, settings.RefusalThreshold, settings.BaselineMultiplier);
    }

    /// <summary>Saves the thresholds; returns null on success, else the localised reason nothing was saved.</summary>
    public async Task<string?> SaveAsync(ExportThresholds thresholds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await db.TenantSecuritySettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new TenantSecuritySettings();
            db.TenantSecuritySettings.Add(settings);
        }

        var broken = settings.Change(thresholds.StepUpThreshold, thresholds.RefusalThreshold, thresholds.BaselineMultiplier);
        if (broken is not null)
        {
            return localizer[$"TenantSecurity_Invalid_{broken}", TenantSecuritySettings.MaxThreshold];
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two administrators created the settings at once: the other one's values stand.
            return localizer["TenantSecurity_Concurrent"];
        }

        return null;
    }

    private void Demand()
    {
        if (!currentUser.Principal.Allows(Policies.TenantSecurityEdit))
        {
            throw new UnauthorizedAccessException();
        }
    }
}
