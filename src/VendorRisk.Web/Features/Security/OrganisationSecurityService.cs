using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;

namespace VendorRisk.Web.Features.Security;

/// <summary>The current organisation's security settings as an Administrator sees them.</summary>
public sealed record OrganisationSecuritySettings(string OrganisationName, bool RequirePasskeyForPrivilegedRoles);

/// <summary>The result of changing a setting, with a localised message.</summary>
public sealed record SettingResult(bool Succeeded, string Message);

/// <summary>
/// The tenant passkey policy. Changing it needs the ManageSecuritySettings policy and a fresh
/// step-up; an Administrator cannot turn it on without a passkey of their own (they would shut
/// themselves out). The change reaches open sessions at their next security-stamp check (a minute).
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
    public async Task<OrganisationSecuritySettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync() || currentUser.Principal.GetOrganisationId() is not { } id)
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
        if (!await MayManageAsync() || currentUser.Principal.GetOrganisationId() is not { } id)
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

    private async Task<bool> MayManageAsync() =>
        (await authorization.AuthorizeAsync(currentUser.Principal, Policies.ManageSecuritySettings)).Succeeded;
}
