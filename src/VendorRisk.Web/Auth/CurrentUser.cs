using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using VendorRisk.Infrastructure.Tenancy;

namespace VendorRisk.Web.Auth;

/// <summary>
/// The signed-in user of the current scope. In an HTTP request it is the request's user; in an
/// interactive Blazor circuit (where there is no HttpContext) <see cref="UserCircuitHandler"/>
/// keeps it in step with the circuit's authentication state.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor)
{
    private ClaimsPrincipal? _circuitUser;

    public ClaimsPrincipal Principal =>
        _circuitUser ?? httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    /// <summary>Where a live circuit's connection comes from (null outside a circuit): its HTTP request is gone, so the audit log reads this instead.</summary>
    public CircuitConnection? Connection { get; private set; }

    internal void SetCircuitUser(ClaimsPrincipal user) => _circuitUser = user;

    internal void SetCircuitConnection(CircuitConnection connection) => Connection = connection;
}

/// <summary>The circuit's remote address and user agent (from the request that opened its connection) and an id shared by every action in it.</summary>
public sealed record CircuitConnection(string? IpAddress, string? UserAgent, string CorrelationId);

/// <summary>The tenant of the current scope, read from the organisation claim of <see cref="CurrentUser"/>.</summary>
public sealed class ClaimsTenantContext(CurrentUser user) : ITenantContext
{
    public Guid? TenantId => user.Principal.GetOrganisationId();

    public bool IsSystem => false;
}

/// <summary>
/// Follows the circuit's authentication state (including revalidation sign-outs) into
/// <see cref="CurrentUser"/>, so that scoped services such as the DbContext see the same user as
/// the components do.
/// </summary>
internal sealed class UserCircuitHandler(AuthenticationStateProvider authenticationStateProvider, CurrentUser currentUser, IHttpContextAccessor http)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationChanged;

        // While the circuit opens, the accessor still holds the connection's request.
        var request = http.HttpContext;
        currentUser.SetCircuitConnection(new CircuitConnection(
            request?.Connection.RemoteIpAddress?.ToString(),
            request?.Request.Headers.UserAgent.ToString(),
            Startup.Correlation.IdOf(request) is { } id ? $"circuit-{id}" : $"circuit-{Guid.NewGuid():N}"));
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        currentUser.SetCircuitUser(state.User);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authenticationStateProvider.GetAuthenticationStateAsync();
            currentUser.SetCircuitUser(state.User);
            await next(context);
        };

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;

    private void OnAuthenticationChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    currentUser.SetCircuitUser(t.Result.User);
                }
            },
            TaskScheduler.Default);
}
