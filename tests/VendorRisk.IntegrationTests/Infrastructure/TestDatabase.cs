using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database of one provider, deleted on dispose: empty (<see cref="CreateAsync"/>) or
/// with every migration applied (<see cref="CreateMigratedAsync"/>). PostgreSQL is the
/// throw-away server that <c>./build.sh test</c> starts (VENDORRISK_TEST_POSTGRES); without it
/// the tests fail rather than skip, so a CI run can never pass on SQLite alone.
/// </summary>
/// <remarks>
/// Migrated databases are copies of a template migrated once per test process with the real
/// migrations (a PostgreSQL <c>CREATE DATABASE ... TEMPLATE</c>, a SQLite backup copy): applying
/// every migration for each of the hundreds of app starts was the largest share of the suite's
/// time (docs/performance.md, "Test suite time"). The tests that are about migrating an empty
/// database (MigrationTests, the shared apps of <see cref="AppFixture"/>) still start empty.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "VENDORRISK_TEST_POSTGRES";

    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string directory, string connectionString, string? postgresName)
    {
        Provider = provider;
        Directory = directory;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>A private data folder (the SQLite file lives here).</summary>
    public string Directory { get; }

    public string ConnectionString { get; }

    public ResolvedDatabase Resolved => new(Provider, ConnectionString);

    /// <summary>An empty database: nothing applied, the app's startup migrates it.</summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => CreateFromAsync(provider, template: null);

    /// <summary>A database with every migration of <paramref name="provider"/> already applied (a copy of the process's template).</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider) =>
        await CreateFromAsync(provider, await Templates.GetAsync(provider));

    private static async Task<TestDatabase> CreateFromAsync(DatabaseProvider provider, string? template)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vendorrisk-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(directory, "vendorrisk.db");
            if (template is not null)
            {
                await using var source = new SqliteConnection(SqliteFile(template));
                await using var target = new SqliteConnection(SqliteFile(file));
                await source.OpenAsync();
                await target.OpenAsync();
                source.BackupDatabase(target);
            }

            return new TestDatabase(provider, directory, $"Data Source={file};Foreign Keys=True", null);
        }

        var admin = AdminConnectionString();
        var name = $"vr_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, directory, builder.ConnectionString, name);
    }

    private static string SqliteFile(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set: PostgreSQL tests need the throw-away server that './build.sh test' starts.");

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>
    /// One migrated template per provider and test process, made on first use with the real
    /// migrations (the same <see cref="DesignTimeContexts"/> the migration tests use) and
    /// deleted when the process exits.
    /// </summary>
    private static class Templates
    {
        private static readonly Lazy<Task<string>> Sqlite = new(CreateSqliteAsync);
        private static readonly Lazy<Task<string>> Postgres = new(CreatePostgresAsync);

        public static Task<string> GetAsync(DatabaseProvider provider) =>
            (provider == DatabaseProvider.Sqlite ? Sqlite : Postgres).Value;

        private static async Task<string> CreateSqliteAsync()
        {
            var directory = Path.Combine(Path.GetTempPath(), "vendorrisk-tests", $"template-{Guid.NewGuid():N}");
            System.IO.Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, "vendorrisk.db");
            await MigrateAsync(new ResolvedDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Foreign Keys=True;Pooling=False"));

            // The app's settings leave the file in WAL mode. Parallel copies opening a WAL file race to
            // rebuild its shared-memory index (SQLITE_BUSY_RECOVERY, seen in a full run): the template
            // is only ever read, so it goes back to a rollback journal, which readers share freely.
            await using (var connection = new SqliteConnection(SqliteFile(file)))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync();
            }
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);
            return file;
        }

        private static async Task<string> CreatePostgresAsync()
        {
            var admin = AdminConnectionString();
            var name = $"vr_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..48];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }

            // No pooling: a connection left open on a template makes CREATE DATABASE ... TEMPLATE fail.
            await MigrateAsync(new ResolvedDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString));
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgres(admin, name);
            return name;
        }

        private static async Task MigrateAsync(ResolvedDatabase database)
        {
            await using var db = DesignTimeContexts.Create(database);
            await db.Database.MigrateAsync();
        }

        private static void DropPostgres(string admin, string name)
        {
            try
            {
                using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // The throw-away server of build.sh is deleted with everything in it anyway.
            }
        }

        private static void TryDelete(string directory)
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
