using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Infrastructure.Demo;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Startup;

internal static partial class DatabaseStartup
{
    /// <summary>
    /// Applies the provider's migrations and, in Development only, loads the demo data. Returns
    /// false (after one clear log line naming the setting) when the database cannot be reached.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, ResolvedDatabase database)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VendorRisk.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
            {
                await db.Database.MigrateAsync();
            }

            // Demo data never loads outside Development, whatever the configuration says.
            if (app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("DemoData:Enabled"))
            {
                await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
            }

            LogReady(logger, database.Provider);
            return true;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            StartupFailure.Report(
                logger,
                $"the {database.Provider} database could not be opened or migrated ({Describe(database)}): {ex.GetBaseException().Message} Check Database:Provider and Database:ConnectionString.");
            return false;
        }
    }

    /// <summary>Where the database is, without credentials (the connection string was validated by <see cref="ResolvedDatabase.From"/>).</summary>
    private static string Describe(ResolvedDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return $"file {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource}";
        }

        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"host {postgres.Host}:{postgres.Port}, database {postgres.Database}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}).")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider);
}
