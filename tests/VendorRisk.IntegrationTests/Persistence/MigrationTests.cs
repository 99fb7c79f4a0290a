using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Persistence;

[Collection(SharedApps.Name)]
public sealed class MigrationTests(AppFixture apps)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Each_migration_set_applies_to_an_empty_database(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = DesignTimeContexts.Create(database.Resolved);
        var ct = TestContext.Current.CancellationToken;

        Assert.Empty(await db.Database.GetAppliedMigrationsAsync(ct));
        await db.Database.MigrateAsync(ct);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ct));
        Assert.Equal(0, await db.Organisations.IgnoreQueryFilters().CountAsync(ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public void The_model_has_no_changes_missing_from_the_migrations(DatabaseProvider provider)
    {
        using var scope = apps[provider].Services.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The {provider} model differs from its last migration: run 'dotnet ef migrations add <Name> --project src/VendorRisk.Migrations.{provider} --startup-project src/VendorRisk.Migrations.{provider} --output-dir Migrations'.");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_app_migrates_its_database_when_it_starts(DatabaseProvider provider)
    {
        await using var scope = apps[provider].Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(provider == DatabaseProvider.Sqlite ? "Microsoft.EntityFrameworkCore.Sqlite" : "Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }
}
