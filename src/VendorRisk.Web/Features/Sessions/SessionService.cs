using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Sessions;
using VendorRisk.Web.Features.Audit;

namespace VendorRisk.Web.Features.Sessions;

/// <summary>A live sign-in session of a member, as administrators see it.</summary>
public sealed record SessionRow(Guid SessionId, string UserId, string DisplayName, string Email, string? Device, string? IpAddress, DateTimeOffset StartedAtUtc, DateTimeOffset LastSeenAtUtc, bool IsCurrent)
{
    /// <summary>Country of the sign-in address, when an IP geolocation database is configured.</summary>
    public string? Country { get; init; }
}

/// <summary>
/// Live sessions of the current organisation's members (policy <see cref="Policies.ManageSessions"/>).
/// Members are read through the tenant filter, so an administrator never sees nor ends a session
/// of someone who is not a member of their organisation; a guessed session id is "not found".
/// </summary>
public sealed class SessionService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    SessionStore store,
    CurrentUser currentUser,
    IAuditLog audit)
{
    public async Task<IReadOnlyList<SessionRow>> ListLiveAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = SessionStore.SessionIdOf(currentUser.Principal);
        var rows = await (
                from m in db.Memberships
                join u in db.Set<ApplicationUser>() on m.UserId equals u.Id
                join s in db.UserSessions on u.Id equals s.UserId
                where s.EndedAtUtc == null
                select new { SessionId = s.Id, UserId = u.Id, u.DisplayName, u.Email, s.UserAgent, s.IpAddress, s.StartedAtUtc, s.LastSeenAtUtc })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new SessionRow(r.SessionId, r.UserId, r.DisplayName, r.Email ?? string.Empty, r.UserAgent, r.IpAddress, r.StartedAtUtc, r.LastSeenAtUtc, r.SessionId == current))
            .OrderBy(r => r.DisplayName, StringComparer.CurrentCulture)
            .ThenByDescending(r => r.LastSeenAtUtc)
            .ToList();
    }

    /// <summary>Ends one live session of a member; false when there is no such session in this organisation.</summary>
    public async Task<bool> EndAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await (
                from s in db.UserSessions
                where s.Id == sessionId && s.EndedAtUtc == null && db.Memberships.Any(m => m.UserId == s.UserId)
                select new { s.Id, s.UserId })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return false;
        }

        await store.EndAsync(session.Id, currentUser.Principal.GetDisplayName(), cancellationToken);
        await audit.RecordAsync("Session.Ended", "User", session.UserId, [new AuditFieldChange("Session", session.Id.ToString(), null)], cancellationToken);
        return true;
    }

    /// <summary>Ends every live session of a member; returns how many were ended (0 when not a member).</summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Memberships.AnyAsync(m => m.UserId == userId, cancellationToken))
        {
            return 0;
        }

        var ids = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await store.EndAsync(id, currentUser.Principal.GetDisplayName(), cancellationToken);
        }

        await audit.RecordAsync("Session.AllEnded", "User", userId, [new AuditFieldChange("Sessions", null, ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken);
        return ids.Count;
    }

    /// <summary>The signed-in user's own live sessions, most recently seen first; the current one is marked.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListMineAsync(CancellationToken cancellationToken = default)
    {
        var userId = Me();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = SessionStore.SessionIdOf(currentUser.Principal);
        var name = currentUser.Principal.GetDisplayName();
        var email = currentUser.Principal.FindFirstValue(ClaimTypes.Email) ?? string.Empty;
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAtUtc == null)
            .ToListAsync(cancellationToken);
        return rows
            .Select(s => new SessionRow(s.Id, userId, name, email, s.UserAgent, s.IpAddress, s.StartedAtUtc, s.LastSeenAtUtc, s.Id == current) { Country = s.Country })
            .OrderByDescending(r => r.IsCurrent)
            .ThenByDescending(r => r.LastSeenAtUtc)
            .ToList();
    }

    /// <summary>
    /// Ends one of the signed-in user's own live sessions (open pages of it stop within a
    /// revalidation interval); false when the id is not a live session of this user — another
    /// user's session id is "not found", never ended.
    /// </summary>
    public async Task<bool> EndMineAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var userId = Me();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAtUtc == null, cancellationToken))
        {
            return false;
        }

        await store.EndAsync(sessionId, currentUser.Principal.GetDisplayName(), cancellationToken);
        await audit.RecordAsync("Session.EndedByUser", "User", userId, [new AuditFieldChange("Session", sessionId.ToString(), null)], cancellationToken);
        return true;
    }

    private string Me() =>
        currentUser.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException();

    private void Demand()
    {
        if (!currentUser.Principal.Allows(Policies.ManageSessions))
        {
            throw new UnauthorizedAccessException();
        }
    }
}
