using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VendorRisk.Domain.Tenancy;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Infrastructure.Tenancy;

namespace VendorRisk.IntegrationTests.Architecture;

/// <summary>
/// Every entity in the model is either tenant-owned (and then filtered by tenant) or explicitly
/// exempt with a reason. Adding an entity without deciding makes these tests fail.
/// </summary>
public sealed class TenantIsolationConventionTests
{
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_entity_is_tenant_owned_or_explicitly_exempt(DatabaseProvider provider)
    {
        using var db = DesignTimeContexts.Create(Offline(provider));

        var undecided = UndecidedEntities(db.Model);

        Assert.True(undecided.Count == 0, $"Entities with no tenant decision (implement ITenantOwned or mark them TenantExempt): {string.Join(", ", undecided)}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_tenant_owned_entity_carries_the_tenant_query_filter(DatabaseProvider provider)
    {
        using var db = DesignTimeContexts.Create(Offline(provider));

        var owned = db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();

        Assert.NotEmpty(owned);
        Assert.All(owned, e => Assert.NotNull(e.FindDeclaredQueryFilter(TenantModelConventions.FilterName)));
    }

    [Fact]
    public void An_entity_added_without_a_tenant_decision_is_reported()
    {
        using var db = new ContextWithStrayEntity(DesignTimeContexts.CreateOptions(Offline(DatabaseProvider.Sqlite)));

        Assert.Contains(nameof(StrayEntity), UndecidedEntities(db.Model));
    }

    private static ResolvedDatabase Offline(DatabaseProvider provider) =>
        new(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused");

    private static List<string> UndecidedEntities(IModel model) =>
        model.GetEntityTypes()
            .Where(e => !TenantModelConventions.HasTenantDecision(e))
            .Select(e => e.ClrType.Name)
            .ToList();

    private sealed class StrayEntity
    {
        public int Id { get; set; }
    }

    private sealed class ContextWithStrayEntity(DbContextOptions<VendorRiskDbContext> options)
        : VendorRiskDbContext(options, FixedTenantContext.System)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.Entity<StrayEntity>();
        }
    }
}
