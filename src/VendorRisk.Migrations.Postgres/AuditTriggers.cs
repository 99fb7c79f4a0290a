using Microsoft.EntityFrameworkCore.Migrations;

namespace VendorRisk.Migrations.Postgres;

// ---- Append-only audit table (PostgreSQL) ----------------------------------------------------
// Called from the AuditLog migration. Carry this class over unchanged when the migration is
// regenerated: Create in Up after the table exists, Drop in Down before the table is dropped.

/// <summary>
/// Triggers that make the audit table append-only on PostgreSQL: UPDATE, DELETE and TRUNCATE
/// raise an error. A table owner can drop them; docs/security.md shows how to run the app as a
/// role that owns nothing and has no UPDATE, DELETE or TRUNCATE grant on the table.
/// </summary>
public static class AuditTriggers
{
    public const string RefusalMessage = "audit events are append-only";

    public static readonly string[] CreateSql =
    [
        $"""
        CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{RefusalMessage}' USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        """,
        """CREATE TRIGGER "AuditEvents_append_only" BEFORE UPDATE OR DELETE ON "AuditEvents" FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();""",
        """CREATE TRIGGER "AuditEvents_no_truncate" BEFORE TRUNCATE ON "AuditEvents" FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();""",
    ];

    public static readonly string[] DropSql =
    [
        """DROP TRIGGER IF EXISTS "AuditEvents_no_truncate" ON "AuditEvents";""",
        """DROP TRIGGER IF EXISTS "AuditEvents_append_only" ON "AuditEvents";""",
        """DROP FUNCTION IF EXISTS audit_events_append_only();""",
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
