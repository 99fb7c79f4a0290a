using Npgsql;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Audit;

/// <summary>
/// The operator option of docs/security.md, PostgreSQL only (SQLite has no roles): an app role
/// given the documented grants reads and appends audit rows but cannot update, delete, truncate
/// them or drop the triggers, even though the triggers alone could be dropped by the owner.
/// </summary>
[Collection(SharedApps.Name)]
public sealed class PostgresAppRoleTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_role_with_the_documented_grants_cannot_change_audit_rows_or_drop_the_triggers()
    {
        var app = apps[DatabaseProvider.Postgres];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 2);
        var role = $"vr_app_{Guid.NewGuid():N}";
        var owner = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        await using (var admin = new NpgsqlConnection(owner.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await ExecuteAsync(admin, $"""
                CREATE ROLE {role} LOGIN PASSWORD 'app-role-test';
                GRANT CONNECT ON DATABASE "{owner.Database}" TO {role};
                GRANT USAGE ON SCHEMA public TO {role};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
                REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvents" FROM {role};
                GRANT SELECT, INSERT ON "AuditEvents" TO {role};
                """);
        }

        try
        {
            var asApp = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Username = role, Password = "app-role-test", Pooling = false };
            await using var connection = new NpgsqlConnection(asApp.ConnectionString);
            await connection.OpenAsync(Ct);

            await using (var count = new NpgsqlCommand("""SELECT count(*) FROM "AuditEvents" WHERE "TenantId" = @chain""", connection))
            {
                count.Parameters.AddWithValue("chain", chain);
                Assert.Equal(2L, await count.ExecuteScalarAsync(Ct));
            }

            await using (var insert = new NpgsqlCommand("""
                INSERT INTO "AuditEvents" ("TenantId", "Sequence", "OccurredAtUtc", "Action", "PreviousHash", "Hash")
                VALUES (@chain, 3, now(), 'Test.Insert', 'x', 'y')
                """, connection))
            {
                insert.Parameters.AddWithValue("chain", chain);
                Assert.Equal(1, await insert.ExecuteNonQueryAsync(Ct));
            }

            foreach (var sql in new[]
            {
                "UPDATE \"AuditEvents\" SET \"ActorName\" = 'Mallory'",
                "DELETE FROM \"AuditEvents\"",
                "TRUNCATE \"AuditEvents\"",
                "DROP TRIGGER \"AuditEvents_append_only\" ON \"AuditEvents\"",
                "ALTER TABLE \"AuditEvents\" DISABLE TRIGGER ALL",
            })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
                Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
            }
        }
        finally
        {
            await using var admin = new NpgsqlConnection(owner.ConnectionString);
            await admin.OpenAsync(CancellationToken.None);
            await ExecuteAsync(admin, $"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
