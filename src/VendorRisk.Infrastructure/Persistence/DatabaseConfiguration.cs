using Microsoft.Data.Sqlite;
using Npgsql;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>The database settings once validated: a known provider and a usable connection string.</summary>
public sealed record ResolvedDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "VendorRisk.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "VendorRisk.Migrations.Postgres";

    public string MigrationsAssembly => Provider == DatabaseProvider.Sqlite ? SqliteMigrationsAssembly : PostgresMigrationsAssembly;

    /// <summary>
    /// The data folder (<c>Database:DataDirectory</c>) as a full path: the SQLite file, and the
    /// local files of every provider (Development mails, audit heads). Null only for databases
    /// built by hand (design time, tests).
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Validates <paramref name="options"/>. Every failure names the setting to fix, because it is
    /// the one line an operator reads when the app refuses to start.
    /// </summary>
    /// <exception cref="DatabaseConfigurationException">A setting is wrong or the data folder cannot be written.</exception>
    public static ResolvedDatabase From(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var provider)
            || !Enum.IsDefined(provider)
            || int.TryParse(options.Provider, out _))
        {
            throw new DatabaseConfigurationException(
                $"Database:Provider is '{options.Provider}'; it must be 'Sqlite' or 'Postgres'.");
        }

        var dataDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        var resolved = provider switch
        {
            DatabaseProvider.Sqlite => ForSqlite(options, dataDirectory),
            _ => ForPostgres(options),
        };
        return resolved with { DataDirectory = dataDirectory };
    }

    private static ResolvedDatabase ForSqlite(DatabaseOptions options, string dataDirectory)
    {
        EnsureWritable(dataDirectory);

        string connectionString;
        try
        {
            var builder = new SqliteConnectionStringBuilder(
                string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, "vendorrisk.db")}"
                    : options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new DatabaseConfigurationException("Database:ConnectionString for Sqlite has no 'Data Source'.");
            }

            if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.Combine(dataDirectory, builder.DataSource);
            }

            builder.ForeignKeys = true;
            connectionString = builder.ToString();
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseConfigurationException($"Database:ConnectionString is not a valid SQLite connection string: {ex.Message}", ex);
        }

        return new ResolvedDatabase(DatabaseProvider.Sqlite, connectionString);
    }

    private static ResolvedDatabase ForPostgres(DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new DatabaseConfigurationException(
                "Database:ConnectionString is required when Database:Provider is 'Postgres' (for example 'Host=db;Database=vendorrisk;Username=vendorrisk;Password=…').");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseConfigurationException($"Database:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        return new ResolvedDatabase(DatabaseProvider.Postgres, options.ConnectionString);
    }

    private static void EnsureWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseConfigurationException(
                $"Database:DataDirectory '{directory}' cannot be written: {ex.Message}", ex);
        }
    }
}

/// <summary>A database setting that prevents the app from starting.</summary>
public sealed class DatabaseConfigurationException : Exception
{
    public DatabaseConfigurationException()
    {
    }

    public DatabaseConfigurationException(string message)
        : base(message)
    {
    }

    public DatabaseConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
