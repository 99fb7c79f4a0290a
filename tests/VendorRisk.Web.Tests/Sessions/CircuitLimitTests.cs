using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VendorRisk.Web.Auth.Sessions;

namespace VendorRisk.Web.Tests.Sessions;

public sealed class CircuitLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_beyond_the_limit_is_refused_until_one_of_their_circuits_closes()
    {
        var registry = new CircuitRegistry();
        var settings = Options.Create(new CircuitSettings { MaxCircuitsPerUser = 2 });
        var (first, _) = Handler(registry, settings, "alice");
        var (second, _) = Handler(registry, settings, "alice");
        var (third, thirdAdmission) = Handler(registry, settings, "alice");
        var (bobs, bobsAdmission) = Handler(registry, settings, "bob");

        await first.OnCircuitOpenedAsync(null!, Ct);
        await second.OnCircuitOpenedAsync(null!, Ct);
        await third.OnCircuitOpenedAsync(null!, Ct);
        await bobs.OnCircuitOpenedAsync(null!, Ct);

        Assert.True(thirdAdmission.Refused);
        Assert.Equal(2, thirdAdmission.Limit);
        Assert.False(bobsAdmission.Refused);
        Assert.Equal(2, registry.LiveCircuits("alice"));

        // The refused circuit was never counted: closing it frees nothing.
        await third.OnCircuitClosedAsync(null!, Ct);
        Assert.Equal(2, registry.LiveCircuits("alice"));

        await first.OnCircuitClosedAsync(null!, Ct);
        var (fourth, fourthAdmission) = Handler(registry, settings, "alice");
        await fourth.OnCircuitOpenedAsync(null!, Ct);
        Assert.False(fourthAdmission.Refused);
        Assert.Equal(2, registry.LiveCircuits("alice"));
    }

    [Fact]
    public async Task Anonymous_circuits_are_not_counted()
    {
        var registry = new CircuitRegistry();
        var (handler, admission) = Handler(registry, Options.Create(new CircuitSettings { MaxCircuitsPerUser = 1 }), userId: null);

        await handler.OnCircuitOpenedAsync(null!, Ct);

        Assert.False(admission.Refused);
    }

    [Fact]
    public void Parallel_openings_never_exceed_the_limit()
    {
        var registry = new CircuitRegistry();

        var admitted = 0;
        Parallel.For(0, 200, _ =>
        {
            if (registry.TryOpen("alice", 5))
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(5, admitted);
        Assert.Equal(5, registry.LiveCircuits("alice"));
    }

    private static (CircuitLimitHandler Handler, CircuitAdmission Admission) Handler(CircuitRegistry registry, IOptions<CircuitSettings> settings, string? userId)
    {
        var admission = new CircuitAdmission();
        var identity = userId is null ? new ClaimsIdentity() : new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test");
        var handler = new CircuitLimitHandler(registry, admission, new FixedAuthentication(new ClaimsPrincipal(identity)), settings, NullLogger<CircuitLimitHandler>.Instance);
        return (handler, admission);
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
