using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Audit;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Startup;

namespace VendorRisk.Web.Auth;

/// <summary>
/// Records sign-ins, failures, MFA changes, lockouts, invitations and role changes with who,
/// when, IP and user agent, in the <c>SecurityEvents</c> table and in the audit log. Never pass a
/// secret (password, code, token) as detail.
/// </summary>
/// <remarks>
/// The audit event goes to the chain of the organisation concerned; when the event names none
/// (a sign-in concerns an account, which may belong to several organisations) it goes to the
/// chain of every organisation the account is a member of, so each hospital's auditors see the
/// sign-ins of their users. An event about no known account (a failed sign-in for an unknown
/// e-mail, a rate-limited address) goes to the platform chain.
/// </remarks>
public sealed class SecurityEventRecorder(
    PlatformDbContextFactory contexts,
    IHttpContextAccessor http,
    CurrentUser currentUser,
    AuditChainWriter audit,
    Features.Alerts.SecurityAlertRules alertRules,
    TimeProvider clock)
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
        var now = clock.GetUtcNow();
        var ip = request?.Connection.RemoteIpAddress?.ToString() ?? currentUser.Connection?.IpAddress;
        var userAgent = request?.Request.Headers.UserAgent.ToString() ?? currentUser.Connection?.UserAgent;
        await using var db = contexts.CreateSystemContext();
        db.SecurityEvents.Add(new SecurityEvent(kind, now, userId, email, organisationId, ip, userAgent, detail));
        await db.SaveChangesAsync(cancellationToken);

        // Who acted: the signed-in user (an administrator changing a role), else the account
        // concerned (a sign-in), named as it is now.
        var principal = currentUser.Principal;
        var actorId = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var actorName = actorId is null ? null : principal.GetDisplayName();
        List<Guid> chains = organisationId is { } org ? [org] : [];
        if (userId is not null)
        {
            var subject = await db.Set<ApplicationUser>().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(cancellationToken);
            if (actorId is null)
            {
                actorId = userId;
                actorName = string.IsNullOrWhiteSpace(subject?.DisplayName) ? subject?.Email ?? email : subject.DisplayName;
            }

            if (chains.Count == 0)
            {
                chains = await db.Memberships
                    .IgnoreQueryFilters([TenantModelConventions.FilterName])
                    .Where(m => m.UserId == userId)
                    .Select(m => m.TenantId)
                    .ToListAsync(cancellationToken);
            }
        }

        actorName ??= email;
        if (chains.Count == 0)
        {
            chains = [AuditChain.PlatformChain];
        }

        List<AuditFieldChange> fields = [];
        if (email is not null && userId is null)
        {
            // A known account is named by its id only: its e-mail stays out of the hash chain so
            // that erasure can remove it (ADR 0013). A typed e-mail of no account is kept.
            fields.Add(new("Email", null, email));
        }

        if (detail is not null)
        {
            fields.Add(new("Detail", null, detail));
        }

        var correlation = Correlation.IdOf(request) ?? currentUser.Connection?.CorrelationId ?? Activity.Current?.TraceId.ToString();
        var record = new AuditRecord(
            now,
            actorId,
            actorName,
            $"Security.{kind}",
            userId is null ? "Account" : "User",
            userId ?? email,
            fields,
            ip,
            userAgent,
            correlation);
        await audit.AppendAsync([.. chains.Distinct().Select(c => (c, record))], CancellationToken.None);
        await alertRules.OnRecordedAsync(kind, userId, userAgent, CancellationToken.None);
    }
}
