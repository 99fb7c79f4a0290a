namespace VendorRisk.Infrastructure.Persistence;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>
    /// The connection string. Optional for SQLite, where it defaults to
    /// <c>Data Source={DataDirectory}/vendorrisk.db</c>; required for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder for the SQLite file (and, later, local evidence storage). Relative paths start at the content root.</summary>
    public string DataDirectory { get; set; } = "data";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
