using System.Diagnostics;
using System.Security.Claims;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Startup;

namespace VendorRisk.Web.Features.Audit;

/// <summary>
/// The actor of the current request or circuit as the audit log records it: user id and display
/// name from the sign-in cookie, IP and user agent from the request (or, in a live circuit, from
/// the request that opened it), and the request's correlation id (<see cref="Correlation"/>) or the circuit's.
/// </summary>
public sealed class WebAuditActorAccessor(CurrentUser user, IHttpContextAccessor http) : IAuditActorAccessor
{
    public AuditActor Current
    {
        get
        {
            var principal = user.Principal;
            var userId = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            var name = userId is null ? null : principal.GetDisplayName();
            if (user.Connection is { } circuit)
            {
                return new AuditActor(userId, name, circuit.IpAddress, circuit.UserAgent, circuit.CorrelationId);
            }

            var request = http.HttpContext;
            if (request is null)
            {
                return userId is null ? AuditActor.Platform : new AuditActor(userId, name, null, null, Activity.Current?.TraceId.ToString());
            }

            return new AuditActor(
                userId,
                name,
                request.Connection.RemoteIpAddress?.ToString(),
                request.Request.Headers.UserAgent.ToString(),
                Correlation.IdOf(request) ?? request.TraceIdentifier);
        }
    }
}
