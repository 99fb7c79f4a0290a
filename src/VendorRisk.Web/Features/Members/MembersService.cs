using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Members;

/// <summary>A member of the current organisation as the members page shows it.</summary>
public sealed record MemberRow(string UserId, string DisplayName, string Email, OrganisationRole Role, DateTimeOffset MemberSinceUtc, bool MfaEnabled);

/// <summary>The result of an action on a member, with a localised message.</summary>
public sealed record MemberResult(bool Succeeded, string Message);

/// <summary>
/// The members of the organisation the user acts for. Relies on the tenant filter: the queries
/// name no organisation, yet see only the current one's memberships. Removing a member or
/// changing a role renews the member's security stamp, so their open sessions and circuits are
/// re-checked (and closed when they lost access) within a minute.
/// </summary>
public sealed class MembersService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    UserManager<ApplicationUser> users,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    SecurityEventRecorder events,
    VendorRisk.Web.Auth.StepUp.StepUpVerifier stepUp,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<IReadOnlyList<MemberRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from m in db.Memberships
                join u in db.Set<ApplicationUser>() on m.UserId equals u.Id
                select new MemberRow(u.Id, u.DisplayName, u.Email ?? string.Empty, m.Role, m.CreatedAtUtc, u.TwoFactorEnabled))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    public Task<MemberResult> ChangeRoleAsync(string userId, OrganisationRole role, CancellationToken cancellationToken = default) =>
        WithOtherMemberAsync(userId, async (db, membership) =>
        {
            var organisation = await CurrentOrganisationAsync(db, cancellationToken);
            if (!OrganisationRoles.IsValidFor(organisation.Kind, role))
            {
                return new MemberResult(false, localizer["Validation_RoleInvalid"]);
            }

            if (!IsAdministratorRole(role) && await WouldLoseLastAdministratorAsync(db, membership, cancellationToken))
            {
                return new MemberResult(false, localizer["Members_LastAdministrator"]);
            }

            var previous = membership.Role;
            membership.ChangeRole(organisation.Kind, role);
            await db.SaveChangesAsync(cancellationToken);
            var user = await RenewStampAsync(userId);
            await events.RecordAsync(SecurityEventKind.RoleChanged, userId, user?.Email, organisation.Id, $"{previous} -> {role}", cancellationToken);
            return new MemberResult(true, localizer["Members_RoleChanged", user?.DisplayName ?? userId, localizer[$"Role_{role}"]]);
        }, cancellationToken);

    public Task<MemberResult> RemoveAsync(string userId, CancellationToken cancellationToken = default) =>
        WithOtherMemberAsync(userId, async (db, membership) =>
        {
            if (await WouldLoseLastAdministratorAsync(db, membership, cancellationToken))
            {
                return new MemberResult(false, localizer["Members_LastAdministrator"]);
            }

            db.Memberships.Remove(membership);
            await db.SaveChangesAsync(cancellationToken);
            var user = await RenewStampAsync(userId);
            await events.RecordAsync(SecurityEventKind.MembershipRemoved, userId, user?.Email, membership.TenantId, membership.Role.ToString(), cancellationToken);
            return new MemberResult(true, localizer["Members_Removed", user?.DisplayName ?? userId]);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> on another member's membership of the current organisation,
    /// for a user who may manage members; nobody changes their own role or removes themselves.
    /// </summary>
    private async Task<MemberResult> WithOtherMemberAsync(
        string userId,
        Func<VendorRiskDbContext, Membership, Task<MemberResult>> action,
        CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(currentUser.Principal, Policies.ManageMembers)).Succeeded)
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        if (IsSelf(userId))
        {
            return new(false, localizer["Members_CannotChangeSelf"]);
        }

        // Sensitive: only after a fresh step-up re-authentication of this session.
        if (!await stepUp.IsFreshAsync(currentUser.Principal, cancellationToken))
        {
            return new(false, localizer["StepUp_Required"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        return membership is null ? new(false, localizer["Members_NotFound"]) : await action(db, membership);
    }

    private static bool IsAdministratorRole(OrganisationRole role) => role is OrganisationRole.Administrator or OrganisationRole.VendorAdmin;

    private static async Task<bool> WouldLoseLastAdministratorAsync(VendorRiskDbContext db, Membership membership, CancellationToken cancellationToken) =>
        IsAdministratorRole(membership.Role)
        && await db.Memberships.CountAsync(m => m.Role == OrganisationRole.Administrator || m.Role == OrganisationRole.VendorAdmin, cancellationToken) <= 1;

    private bool IsSelf(string userId) =>
        string.Equals(currentUser.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, userId, StringComparison.Ordinal);

    private async Task<ApplicationUser?> RenewStampAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is not null)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        return user;
    }

    private async Task<Domain.Organisations.Organisation> CurrentOrganisationAsync(VendorRiskDbContext db, CancellationToken cancellationToken)
    {
        var id = currentUser.Principal.GetOrganisationId() ?? throw new InvalidOperationException("No current organisation.");
        return await db.Organisations.SingleAsync(o => o.Id == id, cancellationToken);
    }
}
