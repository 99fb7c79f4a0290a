using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Auth;

/// <summary>
/// Records sign-ins, failures, MFA changes, lockouts, invitations and role changes with who,
/// when, IP and user agent. Never pass a secret (password, code, token) as detail.
/// </summary>
public sealed class SecurityEventRecorder(PlatformDbContextFactory contexts, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task RecordAsync(
        SecurityEventKind kind,
        string? userId = null,
        string? email = null,
        Guid? organisationId = null,
        string? detail = null,
        CancellationToken cancellationToken = default)
    {
        var request = http.HttpContext;
        await using var db = contexts.CreateSystemContext();
        db.SecurityEvents.Add(new SecurityEvent(
            kind,
            clock.GetUtcNow(),
            userId,
            email,
            organisationId,
            request?.Connection.RemoteIpAddress?.ToString(),
            request?.Request.Headers.UserAgent.ToString(),
            detail));
        await db.SaveChangesAsync(cancellationToken);
    }
}
