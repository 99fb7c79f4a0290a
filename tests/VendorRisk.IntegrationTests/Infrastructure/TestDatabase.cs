using Npgsql;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty database of one provider, deleted on dispose. PostgreSQL is the throw-away
/// server that <c>./build.sh test</c> starts (VENDORRISK_TEST_POSTGRES); without it the tests
/// fail rather than skip, so a CI run can never pass on SQLite alone.
/// </summary>
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

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vendorrisk-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, directory, $"Data Source={Path.Combine(directory, "vendorrisk.db")};Foreign Keys=True", null);
        }

        var admin = AdminConnectionString();
        var name = $"vr_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, directory, builder.ConnectionString, name);
    }

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
}
