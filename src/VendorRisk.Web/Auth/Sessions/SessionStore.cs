using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Sessions;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Auth.Sessions;

/// <summary>
/// Server-side record of sign-in sessions. Every application cookie carries the id of its
/// <see cref="UserSession"/> in the claim <see cref="ClaimType"/>; a cookie whose session is
/// unknown or ended is refused (<see cref="SessionCookieEvents"/>), and so is a live circuit at
/// its next revalidation.
/// </summary>
public sealed class SessionStore(
    PlatformDbContextFactory contexts,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<SessionLifetimeOptions> lifetime,
    VendorRisk.Infrastructure.Geolocation.IIpGeolocation geolocation)
{
    public const string ClaimType = VendorRiskClaimTypes.Session;

    public static Guid? SessionIdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(ClaimType), out var id) ? id : null;

    public async Task<Guid> StartAsync(string userId, string? ipAddress, string? userAgent, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateSystemContext();
        var session = new UserSession(userId, clock.GetUtcNow(), ipAddress, userAgent);
        session.LocateIn(geolocation.CountryOf(ipAddress));
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>
    /// The per-request read: the two times of the live session with that id and account, or null.
    /// Compiled (no LINQ translation per call), untracked, two columns, primary-key lookup. EF Core
    /// binds a compiled query to one model, and a process may hold several (one per provider, and
    /// test hosts): one compiled query per model.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<VendorRiskDbContext, Guid, string, CancellationToken, Task<SessionTimes?>>> LiveSessionTimes = [];

    private static Func<VendorRiskDbContext, Guid, string, CancellationToken, Task<SessionTimes?>> CompileLiveSessionTimes(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        EF.CompileAsyncQuery((VendorRiskDbContext db, Guid id, string userId, CancellationToken _) =>
            db.UserSessions.AsNoTracking()
                .Where(s => s.Id == id && s.UserId == userId && s.EndedAtUtc == null)
                .Select(s => new SessionTimes(s.StartedAtUtc, s.LastSeenAtUtc))
                .FirstOrDefault());

    /// <summary>
    /// Whether the principal's session exists, belongs to it, was not ended and is neither past its
    /// absolute lifetime nor idle too long (<see cref="SessionLifetimeOptions"/>; an expired session
    /// is ended here); records the activity (at most once per <see cref="UserSession.ActivityResolution"/>).
    /// Runs at every request and circuit revalidation, so it reads the database every time (no
    /// cache: an ended session is refused at its very next request on every node) but only two
    /// columns through a compiled query, and writes only when "last seen" is due.
    /// </summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (SessionIdOf(principal) is not { } id || userId is null)
        {
            return false;
        }

        await using var db = contexts.CreateSystemContext();
        var read = LiveSessionTimes.GetValue(db.Model, CompileLiveSessionTimes);
        if (await read(db, id, userId, cancellationToken) is not { } times)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (UserSession.HasExpired(times.StartedAtUtc, times.LastSeenAtUtc, now, lifetime.Value.AbsoluteLifetime, lifetime.Value.IdleTimeout))
        {
            // Not audited (sessions are account rows, outside tenants' chains), as before.
            await db.UserSessions.Where(s => s.Id == id && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, now).SetProperty(x => x.EndedBy, UserSession.ExpiredMarker), cancellationToken);
            return false;
        }

        if (UserSession.IsActivityDue(times.LastSeenAtUtc, now))
        {
            // Only if nobody moved it in between (parallel requests of one page write once).
            var seen = times.LastSeenAtUtc;
            var row = db.UserSessions.Where(s => s.Id == id && s.EndedAtUtc == null && s.LastSeenAtUtc == seen);
            var address = UserSession.StoredIpAddress(ipAddress);
            _ = address is null
                ? await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, now), cancellationToken)
                : await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, now).SetProperty(x => x.IpAddress, address), cancellationToken);
        }

        return true;
    }

    /// <summary>Ends a session (sign-out, or an administrator); the next request or revalidation refuses it.</summary>
    public async Task EndAsync(Guid sessionId, string? endedBy, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateSystemContext();
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return;
        }

        session.End(clock.GetUtcNow(), endedBy);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>What the per-request check reads of a session.</summary>
internal sealed record SessionTimes(DateTimeOffset StartedAtUtc, DateTimeOffset LastSeenAtUtc);

/// <summary>Cookie events that tie the application cookie to its <see cref="UserSession"/>.</summary>
internal static class SessionCookieEvents
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        var validateStamp = options.Events.OnValidatePrincipal;
        var signingIn = options.Events.OnSigningIn;
        var signingOut = options.Events.OnSigningOut;

        options.Events.OnSigningIn = async context =>
        {
            await signingIn(context);
            if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } userId)
            {
                return;
            }

            var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
            var request = context.HttpContext;
            var ip = request.Connection.RemoteIpAddress?.ToString();

            // Re-issuing the cookie of a live session (switching organisation) keeps the session.
            var current = request.User;
            Guid? sessionId = SessionStore.SessionIdOf(current) is { } existing
                              && current.FindFirstValue(ClaimTypes.NameIdentifier) == userId
                              && await store.IsLiveAsync(current, ip)
                ? existing
                : null;
            if (sessionId is null)
            {
                sessionId = await store.StartAsync(userId, ip, request.Request.Headers.UserAgent.ToString());
                await request.RequestServices.GetRequiredService<Features.Alerts.SignInCountryRule>().OnSessionStartedAsync(sessionId.Value);
            }

            foreach (var old in identity.FindAll(SessionStore.ClaimType).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(SessionStore.ClaimType, sessionId.Value.ToString()));
        };

        options.Events.OnValidatePrincipal = async context =>
        {
            var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
            if (context.Principal is null || !await store.IsLiveAsync(context.Principal, context.HttpContext.Connection.RemoteIpAddress?.ToString()))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await validateStamp(context);
        };

        options.Events.OnSigningOut = async context =>
        {
            if (SessionStore.SessionIdOf(context.HttpContext.User) is { } id)
            {
                await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().EndAsync(id, endedBy: null);
            }

            await signingOut(context);
        };
    }

    /// <summary>The periodic security-stamp refresh rebuilds the principal: the session id stays.</summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal?.FindFirst(SessionStore.ClaimType) is { } sid
            && !identity.HasClaim(c => c.Type == SessionStore.ClaimType))
        {
            identity.AddClaim(new Claim(SessionStore.ClaimType, sid.Value));
        }

        return Task.CompletedTask;
    }
}
