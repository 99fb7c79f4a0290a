using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Audit;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Features.Audit;

namespace VendorRisk.Web.Features.Privacy;

/// <summary>What a GDPR request came to.</summary>
public enum PrivacyOutcome
{
    Done,

    /// <summary>Not an Administrator of the current organisation.</summary>
    NotAllowed,

    /// <summary>No fresh step-up re-authentication of this session (ADR 0008).</summary>
    StepUpRequired,

    /// <summary>Not a member (or former member) of the current organisation: "not found", as for any guessed id.</summary>
    NotFound,

    /// <summary>Erasure only: the account still belongs to another organisation, or is the caller's own.</summary>
    StillInUse,
}

/// <summary>The outcome of an export, with the JSON document when <see cref="PrivacyOutcome.Done"/>.</summary>
public sealed record PrivacyExport(PrivacyOutcome Outcome, byte[]? Json = null);

/// <summary>Someone removed from the organisation whose account has not been erased yet.</summary>
public sealed record FormerMember(string UserId, string DisplayName, string Email, DateTimeOffset RemovedAtUtc);

/// <summary>
/// GDPR requests about a member's personal data, handled by an Administrator of the organisation
/// after a step-up: export (articles 15 and 20) and erasure of a user who has left (article 17).
/// Scope: the subject must be a member, or a former member (a recorded membership removal), of the
/// organisation the Administrator acts for; anything else is "not found". What erasure does to the
/// audit chain is decided in ADR 0013: the chain names accounts by id, their display names live in
/// the erasable <see cref="AuditActorName"/> table, and no chained row is ever rewritten.
/// </summary>
public sealed class PrivacyService(
    PlatformDbContextFactory contexts,
    UserManager<ApplicationUser> users,
    CurrentUser currentUser,
    StepUpVerifier stepUp,
    IAuditLog audit,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Profile, memberships, sessions, security events and the audit entries the member is the actor of, as JSON.</summary>
    public async Task<PrivacyExport> ExportAsync(string userId, CancellationToken cancellationToken = default)
    {
        var (outcome, tenant) = await CheckAsync(userId, cancellationToken);
        if (outcome != PrivacyOutcome.Done)
        {
            return new PrivacyExport(outcome);
        }

        await using var db = contexts.CreateForTenant(tenant);
        var user = await db.Set<ApplicationUser>().AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { Organisation = m.TenantId, Role = m.Role.ToString(), SinceUtc = m.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId)
            .OrderBy(s => s.StartedAtUtc)
            .Select(s => new { s.Id, s.StartedAtUtc, s.LastSeenAtUtc, s.EndedAtUtc, s.IpAddress, s.UserAgent })
            .ToListAsync(cancellationToken);
        var securityEvents = await db.SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == userId && (e.OrganisationId == null || e.OrganisationId == tenant))
            .OrderBy(e => e.Id)
            .Select(e => new { Kind = e.Kind.ToString(), e.OccurredAtUtc, e.IpAddress, e.UserAgent, e.Detail })
            .ToListAsync(cancellationToken);
        var auditEntries = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorUserId == userId)
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.Action, e.TargetType, e.TargetId, e.Changes, e.IpAddress, e.UserAgent })
            .ToListAsync(cancellationToken);
        var document = new
        {
            exportedAtUtc = clock.GetUtcNow(),
            organisation = tenant,
            profile = new
            {
                id = user.Id,
                displayName = user.DisplayName,
                email = user.Email,
                phoneNumber = user.PhoneNumber,
                createdAtUtc = user.CreatedAtUtc,
                isActive = user.IsActive,
                twoFactorEnabled = user.TwoFactorEnabled,
            },
            memberships,
            sessions,
            securityEvents,
            auditEntries,
        };
        await audit.RecordAsync("Privacy.DataExported", "User", userId, [new("Sections", null, "profile,memberships,sessions,securityEvents,auditEntries")], cancellationToken);
        return new PrivacyExport(PrivacyOutcome.Done, JsonSerializer.SerializeToUtf8Bytes(document, Json));
    }

    /// <summary>
    /// Erases a member who has left: membership here removed, account deactivated and its personal
    /// fields replaced by a pseudonym, credentials, passkeys and sessions removed, security events
    /// stripped of e-mail, IP and user agent, the audit display name erased. Refused while the
    /// account belongs to another organisation (its data is not this organisation's to erase).
    /// </summary>
    public async Task<PrivacyOutcome> EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        var (outcome, tenant) = await CheckAsync(userId, cancellationToken);
        if (outcome != PrivacyOutcome.Done)
        {
            return outcome;
        }

        if (userId == currentUser.Principal.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return PrivacyOutcome.StillInUse;
        }

        await using (var system = contexts.CreateSystemContext())
        {
            var elsewhere = await system.Memberships.IgnoreQueryFilters([TenantModelConventions.FilterName])
                .AnyAsync(m => m.UserId == userId && m.TenantId != tenant, cancellationToken);
            if (elsewhere)
            {
                return PrivacyOutcome.StillInUse;
            }
        }

        var now = clock.GetUtcNow();
        await using (var db = contexts.CreateForTenant(tenant))
        {
            // Through the tenant context: the removal is audited as a record change (ids only).
            db.Memberships.RemoveRange(await db.Memberships.Where(m => m.UserId == userId).ToListAsync(cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The account vanished during erasure.");
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        }

        foreach (var login in await users.GetLoginsAsync(user))
        {
            await users.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
        }

        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        var pseudonym = $"erased-{Guid.NewGuid():N}@erased.invalid";
        user.UserName = pseudonym;
        user.Email = pseudonym;
        user.EmailConfirmed = false;
        user.PhoneNumber = null;
        user.DisplayName = string.Empty;
        user.PasswordHash = null;
        user.TwoFactorEnabled = false;
        user.IsActive = false;
        user.CurrentOrganisationId = null;
        user.StepUpAtUtc = null;
        user.StepUpSession = null;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException($"The account could not be pseudonymised: {string.Join(", ", updated.Errors.Select(e => e.Code))}");
        }

        await users.UpdateSecurityStampAsync(user);

        await using (var system = contexts.CreateSystemContext())
        {
            await system.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await system.SecurityEvents.Where(e => e.UserId == userId)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(e => e.Email, (string?)null).SetProperty(e => e.IpAddress, (string?)null).SetProperty(e => e.UserAgent, (string?)null),
                    cancellationToken);
            var name = await system.AuditActorNames.SingleOrDefaultAsync(n => n.UserId == userId, cancellationToken);
            if (name is null)
            {
                name = new AuditActorName(userId, string.Empty);
                system.AuditActorNames.Add(name);
            }

            name.Erase(now);
            await system.SaveChangesAsync(cancellationToken);
        }

        // The chain records the erasure under the account's id, which now designates nobody.
        await audit.RecordAsync("Privacy.UserErased", "User", userId, cancellationToken: cancellationToken);
        return PrivacyOutcome.Done;
    }

    /// <summary>
    /// Members removed from the organisation (a recorded membership removal) who are not members
    /// again and whose account is not erased: the people an erasure request is usually about.
    /// Empty for anyone who may not manage members.
    /// </summary>
    public async Task<IReadOnlyList<FormerMember>> ListFormerMembersAsync(CancellationToken cancellationToken = default)
    {
        var principal = currentUser.Principal;
        if (!principal.Allows(Policies.ManageMembers) || principal.GetOrganisationId() is not { } tenant)
        {
            return [];
        }

        await using var db = contexts.CreateForTenant(tenant);
        var removals = (await db.SecurityEvents.AsNoTracking()
                .Where(e => e.OrganisationId == tenant && e.Kind == SecurityEventKind.MembershipRemoved && e.UserId != null)
                .Select(e => new { UserId = e.UserId!, e.OccurredAtUtc })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.UserId, StringComparer.Ordinal)
            .Select(g => new { UserId = g.Key, RemovedAtUtc = g.Max(e => e.OccurredAtUtc) })
            .ToList();
        var ids = removals.Select(r => r.UserId).ToList();
        var current = await db.Memberships.Where(m => ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
        var accounts = await db.Set<ApplicationUser>().AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.EmailConfirmed)
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        return [.. removals
            .Where(r => !current.Contains(r.UserId) && accounts.ContainsKey(r.UserId))
            .Select(r => new FormerMember(r.UserId, accounts[r.UserId].DisplayName, accounts[r.UserId].Email ?? string.Empty, r.RemovedAtUtc))
            .OrderByDescending(m => m.RemovedAtUtc)];
    }

    /// <summary>An Administrator, with a fresh step-up, asking about a member or former member of their organisation.</summary>
    private async Task<(PrivacyOutcome Outcome, Guid Tenant)> CheckAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var principal = currentUser.Principal;
        if (!principal.Allows(Policies.ManageMembers) || principal.GetOrganisationId() is not { } tenant)
        {
            return (PrivacyOutcome.NotAllowed, Guid.Empty);
        }

        if (!await stepUp.IsFreshAsync(principal, cancellationToken))
        {
            return (PrivacyOutcome.StepUpRequired, tenant);
        }

        await using var db = contexts.CreateForTenant(tenant);
        var member = await db.Memberships.AnyAsync(m => m.UserId == userId, cancellationToken)
            || await db.SecurityEvents.AnyAsync(e => e.UserId == userId && e.OrganisationId == tenant && e.Kind == SecurityEventKind.MembershipRemoved, cancellationToken);
        var exists = member && await db.Set<ApplicationUser>().AnyAsync(u => u.Id == userId && u.EmailConfirmed, cancellationToken);
        return (exists ? PrivacyOutcome.Done : PrivacyOutcome.NotFound, tenant);
    }
}

/// <summary>The user's words for a GDPR request's outcome, shared by the members page and the download endpoint.</summary>
public static class PrivacyMessages
{
    public static string Of(PrivacyOutcome outcome, string displayName, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return outcome switch
        {
            PrivacyOutcome.Done => localizer["Privacy_Erased", displayName],
            PrivacyOutcome.StillInUse => localizer["Privacy_StillInUse", displayName],
            PrivacyOutcome.NotFound => localizer["Privacy_NotFound"],
            PrivacyOutcome.StepUpRequired => localizer["Privacy_StepUpRequired"],
            _ => localizer["Privacy_NotAllowed"],
        };
    }
}
