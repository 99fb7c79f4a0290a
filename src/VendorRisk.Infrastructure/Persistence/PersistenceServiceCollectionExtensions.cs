using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VendorRisk.Infrastructure.Audit;

namespace VendorRisk.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="VendorRiskDbContext"/> (scoped, for requests and Identity) and a scoped
    /// <see cref="IDbContextFactory{TContext}"/> (for Blazor components, which outlive a request)
    /// on the chosen provider. Both read the scoped <see cref="Tenancy.ITenantContext"/>.
    /// </summary>
    public static IServiceCollection AddVendorRiskPersistence(this IServiceCollection services, ResolvedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddSingleton(database);
        services.AddSingleton<TenantSaveChangesInterceptor>();
        services.AddSingleton<PublishedVersionGuard>();
        services.TryAddScoped<IAuditActorAccessor, PlatformAuditActorAccessor>();
        // One per app: it holds the per-chain append queues (group commit, ADR 0018).
        services.AddSingleton<AuditChainWriter>();
        services.AddScoped<AuditVerifier>();
        services.AddDbContextFactory<VendorRiskDbContext>(
            (sp, options) =>
            {
                Configure(options, database);

                // Order matters: the tenant is stamped before the audit interceptor reads it.
                options.AddInterceptors(
                    sp.GetRequiredService<TenantSaveChangesInterceptor>(),
                    sp.GetRequiredService<PublishedVersionGuard>(),
                    new AuditSaveChangesInterceptor(sp));
            },
            ServiceLifetime.Scoped);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<VendorRiskDbContext>>().CreateDbContext());
        services.AddScoped<PlatformDbContextFactory>();
        return services;
    }

    /// <summary>Configures the provider and its migrations assembly; shared with the design-time factories and tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, ResolvedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        _ = database.Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(database.ConnectionString, o => o.MigrationsAssembly(database.MigrationsAssembly)),
            DatabaseProvider.Postgres => options.UseNpgsql(database.ConnectionString, o => o.MigrationsAssembly(database.MigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider."),
        };
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL and a busy timeout: concurrent readers and the one writer stop blocking each other (docs/performance.md).
            options.AddInterceptors(SqliteConnectionSettings.Instance);
        }

        // One process may hold contexts of both providers (tests do): the model differs per
        // provider, so the cache key must include it.
        options.ReplaceService<IModelCacheKeyFactory, ProviderAwareModelCacheKeyFactory>();
        return options;
    }
}

internal sealed class ProviderAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.Database.ProviderName, designTime);
}
