using Microsoft.AspNetCore.Components.Server.Circuits;
using VendorRisk.Web.Startup;

namespace VendorRisk.Web.Auth.Sessions;

/// <summary>
/// Puts the circuit's correlation id (<see cref="CircuitConnection.CorrelationId"/>: <c>circuit-</c>
/// followed by the id of the request that opened it) in a logging scope around every event the
/// browser sends, so log lines written while a live page works carry it as HTTP requests do.
/// </summary>
internal sealed class CircuitLogScopeHandler(CurrentUser currentUser, ILogger<CircuitLogScopeHandler> logger) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (currentUser.Connection?.CorrelationId is not { } id)
            {
                await next(context);
                return;
            }

            using (logger.BeginScope(new Dictionary<string, object> { [Correlation.ScopeKey] = id }))
            {
                await next(context);
            }
        };
}
