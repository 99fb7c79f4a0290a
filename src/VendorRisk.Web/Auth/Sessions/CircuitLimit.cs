using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace VendorRisk.Web.Auth.Sessions;

/// <summary>
/// Counts the live circuits of each user on this server. A circuit is counted from the moment it
/// opens until it closes (a disconnected circuit still counts while it is retained, since it can
/// resume).
/// </summary>
public sealed class CircuitRegistry
{
    private readonly ConcurrentDictionary<string, int> _live = new(StringComparer.Ordinal);

    /// <summary>Counts one more circuit for <paramref name="userId"/> unless they already hold <paramref name="limit"/>.</summary>
    public bool TryOpen(string userId, int limit)
    {
        while (true)
        {
            var current = _live.GetOrAdd(userId, 0);
            if (current >= limit)
            {
                return false;
            }

            if (_live.TryUpdate(userId, current + 1, current))
            {
                return true;
            }
        }
    }

    public void Close(string userId)
    {
        while (_live.TryGetValue(userId, out var current))
        {
            if (current <= 1 ? _live.TryRemove(new KeyValuePair<string, int>(userId, current)) : _live.TryUpdate(userId, current - 1, current))
            {
                return;
            }
        }
    }

    public int LiveCircuits(string userId) => _live.TryGetValue(userId, out var count) ? count : 0;
}

/// <summary>What the circuit limit decided for this circuit: the layout shows a message instead of the page when refused.</summary>
public sealed class CircuitAdmission
{
    public bool Refused { get; internal set; }

    public int Limit { get; internal set; }
}

/// <summary>
/// Refuses a user's circuit beyond <see cref="CircuitSettings.MaxCircuitsPerUser"/>: the refused
/// circuit renders only a message (see MainLayout) and is not counted. Anonymous circuits (the
/// account pages are static) are not limited here.
/// </summary>
internal sealed partial class CircuitLimitHandler(
    CircuitRegistry registry,
    CircuitAdmission admission,
    AuthenticationStateProvider authentication,
    IOptions<CircuitSettings> settings,
    ILogger<CircuitLimitHandler> logger)
    : CircuitHandler
{
    private string? _countedFor;

    // Before the other handlers, so a refused circuit is known before anything renders.
    public override int Order => -100;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
        {
            return;
        }

        var limit = settings.Value.MaxCircuitsPerUser;
        if (registry.TryOpen(userId, limit))
        {
            _countedFor = userId;
            return;
        }

        admission.Refused = true;
        admission.Limit = limit;
        LogRefused(logger, limit);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit refused: the user already holds {Limit} live circuits")]
    private static partial void LogRefused(ILogger logger, int limit);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_countedFor is { } userId)
        {
            registry.Close(userId);
            _countedFor = null;
        }

        return Task.CompletedTask;
    }
}
