using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Audit;

/// <summary>Reading chains and tampering with them the way an attacker with DBA rights would.</summary>
internal static class AuditTestSupport
{
    public static async Task<List<AuditEvent>> ChainAsync(this VendorRiskAppFactory app, Guid chain)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName])
            .Where(e => e.TenantId == chain)
            .OrderBy(e => e.Sequence)
            .AsNoTracking()
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The erasable display name of an actor (ADR 0013); null when erased or never recorded.</summary>
    public static async Task<string?> ActorNameAsync(this VendorRiskAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return await db.AuditActorNames.Where(n => n.UserId == userId).Select(n => n.DisplayName).SingleOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<AuditChainVerification> VerifyAsync(this VendorRiskAppFactory app, Guid chain, AuditHeadFile? heads = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyChainAsync(chain, heads, TestContext.Current.CancellationToken);
    }

    /// <summary>Appends <paramref name="count"/> explicit events to the chain, as the platform.</summary>
    public static async Task AppendAsync(this VendorRiskAppFactory app, Guid chain, int count, string action = "Test.Event")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<AuditChainWriter>();
        for (var i = 0; i < count; i++)
        {
            await writer.AppendAsync(chain, new AuditRecord(DateTimeOffset.UtcNow, "tester", "Test runner", action, "Thing", $"thing-{i}", [new("Value", null, i.ToString(System.Globalization.CultureInfo.InvariantCulture))], "192.0.2.1", "tests", null), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Runs raw SQL against the audit table with the append-only triggers dropped for the
    /// duration (as an attacker with DBA rights would), then puts the triggers back.
    /// </summary>
    public static async Task<int> TamperAsync(this VendorRiskAppFactory app, params FormattableString[] statements)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var sqlite = app.Database.Provider == DatabaseProvider.Sqlite;
        var drop = sqlite ? Migrations.Sqlite.AuditTriggers.DropSql : Migrations.Postgres.AuditTriggers.DropSql;
        var create = sqlite ? Migrations.Sqlite.AuditTriggers.CreateSql : Migrations.Postgres.AuditTriggers.CreateSql;
        var ct = TestContext.Current.CancellationToken;
        foreach (var sql in drop)
        {
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }

        try
        {
            var affected = 0;
            foreach (var statement in statements)
            {
                affected += await db.Database.ExecuteSqlAsync(statement, ct);
            }

            return affected;
        }
        finally
        {
            foreach (var sql in create)
            {
                await db.Database.ExecuteSqlRawAsync(sql, CancellationToken.None);
            }
        }
    }
}
