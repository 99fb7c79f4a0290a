using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Startup;

namespace VendorRisk.Benchmarks;

/// <summary>
/// The application's real service registration on a throw-away SQLite file (migrated), with a
/// hospital and a way to act as one of its users, as a circuit does. Not started: no HTTP.
/// </summary>
internal sealed class BenchmarkApp : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _dropDatabase;

    private BenchmarkApp(WebApplication app, string directory, Guid hospitalId, bool dropDatabase = false)
    {
        _dropDatabase = dropDatabase;
        App = app;
        _directory = directory;
        HospitalId = hospitalId;
    }

    public WebApplication App { get; }

    public Guid HospitalId { get; }

    /// <param name="postgresServer">Null: a SQLite file. Otherwise a PostgreSQL server connection string; a fresh database is created on it and dropped at the end.</param>
    public static async Task<BenchmarkApp> StartAsync(string? postgresServer = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"vendorrisk-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var resolved = postgresServer is null
            ? new ResolvedDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "bench.db")}")
            : new ResolvedDatabase(DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = $"vendorrisk_bench_{Guid.NewGuid():N}", MaxPoolSize = 300 }.ConnectionString);

        // The data directory holds what the app keeps on disk (evidence store, mail pickup).
        var database = resolved with { DataDirectory = directory };
        builder.AddVendorRiskServices(database);
        builder.Logging.ClearProviders();
        var app = builder.Build();

        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
        var hospital = new Organisation("CHU Benchmark", OrganisationKind.Hospital, DateTimeOffset.UtcNow);
        db.Add(hospital);
        await db.SaveChangesAsync();
        return new BenchmarkApp(app, directory, hospital.Id, postgresServer is not null);
    }

    /// <summary>A scope acting as a user of the hospital with <paramref name="role"/>.</summary>
    public AsyncServiceScope ScopeAs(OrganisationRole role)
    {
        var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "benchmark-user"),
                new Claim(VendorRiskClaimTypes.OrganisationId, HospitalId.ToString()),
                new Claim(VendorRiskClaimTypes.OrganisationKind, OrganisationKind.Hospital.ToString()),
                new Claim(VendorRiskClaimTypes.Role, role.ToString()),
            ],
            "Benchmark")));
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dropDatabase)
        {
            await using var scope = App.Services.CreateAsyncScope();
            await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
        }

        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
