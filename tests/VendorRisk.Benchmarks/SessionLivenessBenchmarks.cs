using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Sessions;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Sessions;

namespace VendorRisk.Benchmarks;

/// <summary>
/// The server-side session check that runs on every authenticated request and every circuit
/// revalidation (<see cref="SessionStore.IsLiveAsync"/>), for a live session among 10,000 rows
/// (its "last seen" already written this minute, as for a user clicking around), on SQLite and —
/// when <c>VENDORRISK_TEST_POSTGRES</c> names a server — PostgreSQL.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class SessionLivenessBenchmarks
{
    private BenchmarkApp _app = null!;
    private AsyncServiceScope _scope;
    private SessionStore _store = null!;
    private PlatformDbContextFactory _contexts = null!;
    private ClaimsPrincipal _live = null!;
    private ClaimsPrincipal _ended = null!;

    [ParamsSource(nameof(Providers))]
    public string Database { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers() =>
        Environment.GetEnvironmentVariable("VENDORRISK_TEST_POSTGRES") is { Length: > 0 } ? ["Sqlite", "Postgres"] : ["Sqlite"];

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _app = await BenchmarkApp.StartAsync(Database == "Postgres" ? Environment.GetEnvironmentVariable("VENDORRISK_TEST_POSTGRES") : null);
        _scope = _app.App.Services.CreateAsyncScope();
        // Sessions name an account id only (no foreign key): no account is needed.
        var userId = Guid.NewGuid().ToString();
        _store = _scope.ServiceProvider.GetRequiredService<SessionStore>();
        _contexts = _scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();
        await using (var db = _scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            for (var i = 0; i < 10_000; i++)
            {
                db.UserSessions.Add(new UserSession(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow, "192.0.2.1", "Benchmark/1.0"));
            }

            await db.SaveChangesAsync();
        }

        _live = Principal(userId, await _store.StartAsync(userId, "192.0.2.1", "Benchmark/1.0"));
        var ended = await _store.StartAsync(userId, "192.0.2.1", "Benchmark/1.0");
        await _store.EndAsync(ended, "benchmark");
        _ended = Principal(userId, ended);
        if (!await _store.IsLiveAsync(_live, "192.0.2.1") || await _store.IsLiveAsync(_ended, "192.0.2.1")
            || !await BeforeAsync(_live) || await BeforeAsync(_ended))
        {
            throw new InvalidOperationException("The session check answers wrongly.");
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "before: tracked full row, live session")]
    public Task<bool> BeforeLiveAsync() => BeforeAsync(_live);

    [Benchmark(Description = "before: tracked full row, ended session")]
    public Task<bool> BeforeEndedAsync() => BeforeAsync(_ended);

    [Benchmark(Description = "SessionStore.IsLiveAsync, live session (every request)")]
    public Task<bool> LiveAsync() => _store.IsLiveAsync(_live, "192.0.2.1");

    [Benchmark(Description = "SessionStore.IsLiveAsync, ended session (refused)")]
    public Task<bool> EndedAsync() => _store.IsLiveAsync(_ended, "192.0.2.1");

    /// <summary>
    /// The check as it was before (commit 9b14f28), kept here so both run on the same machine in the
    /// same minute: a tracked read of the whole row, then the checks in memory.
    /// </summary>
    private async Task<bool> BeforeAsync(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (SessionStore.SessionIdOf(principal) is not { } id || userId is null)
        {
            return false;
        }

        await using var db = _contexts.CreateSystemContext();
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == id);
        if (session is null || session.UserId != userId || !session.IsLive)
        {
            return false;
        }

        var now = DateTimeOffset.UtcNow;
        if (session.HasExpired(now, TimeSpan.FromHours(12), TimeSpan.FromHours(2)))
        {
            return false;
        }

        if (session.Touch(now, "192.0.2.1"))
        {
            await db.SaveChangesAsync();
        }

        return true;
    }

    private static ClaimsPrincipal Principal(string userId, Guid session) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(VendorRiskClaimTypes.Session, session.ToString())], "Benchmark"));
}
