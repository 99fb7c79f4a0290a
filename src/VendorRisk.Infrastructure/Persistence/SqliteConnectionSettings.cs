using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>
/// SQLite settings for many concurrent users (docs/performance.md, autosave): the database file is
/// switched to write-ahead logging once (readers no longer block the single writer, nor it them;
/// the mode is stored in the file), and every connection waits inside SQLite for a busy writer
/// (<c>busy_timeout</c>) instead of failing at once and being retried by Microsoft.Data.Sqlite
/// in fixed 150 ms sleeps. <c>synchronous</c> stays at its default (FULL): a committed save and its
/// audit entry survive a power cut.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>How long a statement waits for another connection's write before SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    public static readonly SqliteConnectionSettings Instance = new();

    // Data sources already switched to WAL in this process (the mode persists in the file).
    private static readonly ConcurrentDictionary<string, bool> Switched = new(StringComparer.Ordinal);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas(sqlite);
            command.ExecuteNonQuery();
        }

        base.ConnectionOpened(connection, eventData);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas(sqlite);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await base.ConnectionOpenedAsync(connection, eventData, cancellationToken);
    }

    private static string Pragmas(SqliteConnection connection)
    {
        var busy = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
        var source = connection.DataSource;

        // In-memory databases have no journal file; a file is switched once per process.
        if (string.IsNullOrEmpty(source) || source == ":memory:" || !Switched.TryAdd(source, true))
        {
            return busy;
        }

        return busy + " PRAGMA journal_mode = WAL;";
    }
}
