using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;

namespace VendorRisk.Web.Features.Security;

/// <summary>The current organisation's passkey policy as an Administrator sees it.</summary>
public sealed record OrganisationSecuritySettings(string OrganisationName, bool RequirePasskeyForPrivilegedRoles);

/// <summary>The result of changing a setting, with a localised message.</summary>
public sealed record SettingResult(bool Succeeded, string Message);

/// <summary>The bulk-read thresholds as the export safeguards page edits them.</summary>
public sealed record ExportThresholds(int StepUpThreshold, int RefusalThreshold, int BaselineMultiplier);

/// <summary>
/// The organisation's security settings, behind its two settings pages:
/// <list type="bullet">
/// <item>the passkey policy (<c>/organisation/security</c>, policy <see cref="Policies.ManageSecuritySettings"/>:
/// Administrators). Changing it needs a fresh step-up; an Administrator cannot turn it on without a
/// passkey of their own (they would shut themselves out). The change reaches open sessions at their
/// next security-stamp check (a minute) and is recorded as a security event.</item>
/// <item>the export safeguards, the bulk-read thresholds of <see cref="TenantSecuritySettings"/>
/// (<c>/organisation/export-safeguards</c>, policy <see cref="Policies.TenantSecurityEdit"/>:
/// Administrators and CISOs); changes are audited as record changes.
/// <see cref="TenantSecurity.BulkReadGuard"/> applies them.</item>
/// </list>
/// The assessment settings (intervals, suggested template) are not security settings: they stay
/// with the assessments (<see cref="Assessments.AssessmentSettingsService"/>).
/// </summary>
public sealed class OrganisationSecurityService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    StepUpVerifier stepUp,
    UserManager<ApplicationUser> users,
    SecurityEventRecorder events,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The passkey policy, or null when the user may not manage it.</summary>
    public async Task<OrganisationSecuritySettings?> GetPasskeyPolicyAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayManagePasskeyPolicyAsync() || currentUser.Principal.GetOrganisationId() is not { } id)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.Where(o => o.Id == id)
            .Select(o => new OrganisationSecuritySettings(o.Name, o.RequirePasskeyForPrivilegedRoles))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<SettingResult> SetPasskeyPolicyAsync(bool required, CancellationToken cancellationToken = default)
    {
        if (!await MayManagePasskeyPolicyAsync() || currentUser.Principal.GetOrganisationId() is not { } id)
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        if (!await stepUp.IsFreshAsync(currentUser.Principal, cancellationToken))
        {
            return new(false, localizer["StepUp_Required"]);
        }

        if (required && (await users.GetUserAsync(currentUser.Principal) is not { } self || (await users.GetPasskeysAsync(self)).Count == 0))
        {
            return new(false, localizer["OrgSecurity_OwnPasskeyFirst"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == id, cancellationToken);
        if (organisation.SetPasskeyPolicy(required))
        {
            await db.SaveChangesAsync(cancellationToken);
            await events.RecordAsync(
                SecurityEventKind.PasskeyPolicyChanged,
                currentUser.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
                organisationId: id,
                detail: required ? "passkey required for Administrators and CISOs" : "passkey no longer required",
                cancellationToken: cancellationToken);
        }

        return new(true, localizer[required ? "OrgSecurity_PolicyOn" : "OrgSecurity_PolicyOff"]);
    }

    /// <summary>The bulk-read thresholds (the defaults when the organisation never saved any).</summary>
    /// <exception cref="UnauthorizedAccessException">The user may not edit the export safeguards.</exception>
    public async Task<ExportThresholds> GetExportThresholdsAsync(CancellationToken cancellationToken = default)
    {
        DemandExportSafeguards();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await db.TenantSecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new TenantSecuritySettings();
        return new ExportThresholds(settings.StepUpThreshold, settings.RefusalThreshold, settings.BaselineMultiplier);
    }

    /// <summary>Saves the thresholds; returns null on success, else the localised reason nothing was saved.</summary>
    /// <exception cref="UnauthorizedAccessException">The user may not edit the export safeguards.</exception>
    public async Task<string?> SaveExportThresholdsAsync(ExportThresholds thresholds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        DemandExportSafeguards();
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

    // The passkey policy goes through the full policy (MFA and passkey session included) and
    // answers a refusal; the thresholds re-check the role table and throw, as before the merge.
    private async Task<bool> MayManagePasskeyPolicyAsync() =>
        (await authorization.AuthorizeAsync(currentUser.Principal, Policies.ManageSecuritySettings)).Succeeded;

    private void DemandExportSafeguards()
    {
        if (!currentUser.Principal.Allows(Policies.TenantSecurityEdit))
        {
            throw new UnauthorizedAccessException();
        }
    }
}
