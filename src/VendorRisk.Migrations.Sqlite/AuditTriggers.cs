using Microsoft.EntityFrameworkCore.Migrations;

namespace VendorRisk.Migrations.Sqlite;

// ---- Append-only audit table (SQLite) --------------------------------------------------------
// Called from the AuditLog migration. Carry this class over unchanged when the migration is
// regenerated: Create in Up after the table exists, Drop in Down before the table is dropped.

/// <summary>
/// Triggers that make the audit table append-only on SQLite: any UPDATE or DELETE aborts. They
/// stop the application (and anyone using its connection) from rewriting history; an attacker
/// with the database file can still drop them, which the hash chain and the exported heads detect.
/// </summary>
public static class AuditTriggers
{
    public const string RefusalMessage = "audit events are append-only";

    public static readonly string[] CreateSql =
    [
        $"""CREATE TRIGGER "AuditEvents_no_update" BEFORE UPDATE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, '{RefusalMessage}'); END;""",
        $"""CREATE TRIGGER "AuditEvents_no_delete" BEFORE DELETE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, '{RefusalMessage}'); END;""",
    ];

    public static readonly string[] DropSql =
    [
        """DROP TRIGGER IF EXISTS "AuditEvents_no_update";""",
        """DROP TRIGGER IF EXISTS "AuditEvents_no_delete";""",
    ];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var sql in CreateSql)
        {
            migrationBuilder.Sql(sql);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var sql in DropSql)
        {
            migrationBuilder.Sql(sql);
        }
    }
}
