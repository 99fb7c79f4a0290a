using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Infrastructure.Tenancy;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>
/// Builds contexts outside the web host (the migrations projects' design-time factories, tests)
/// with the same model as the running app.
/// </summary>
public static class DesignTimeContexts
{
    /// <summary>
    /// Identity reads its schema version (3: with passkeys) from the application's
    /// IdentityOptions; outside the host there are none, so provide the same value here.
    /// </summary>
    public static VendorRiskDbContext Create(ResolvedDatabase database, ITenantContext? tenant = null) =>
        new(CreateOptions(database), tenant ?? FixedTenantContext.System);

    /// <inheritdoc cref="Create"/>
    public static DbContextOptions<VendorRiskDbContext> CreateOptions(ResolvedDatabase database)
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(ConfigureIdentityStores)
            .BuildServiceProvider();
        var options = new DbContextOptionsBuilder<VendorRiskDbContext>().UseApplicationServiceProvider(services);
        PersistenceServiceCollectionExtensions.Configure(options, database);
        return options.Options;
    }

    /// <summary>The Identity store settings the model depends on; the host applies the same.</summary>
    public static void ConfigureIdentityStores(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
    }
}
