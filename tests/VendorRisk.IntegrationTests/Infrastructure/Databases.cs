using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>Theory data: every integration case runs against SQLite and PostgreSQL.</summary>
public static class Databases
{
    public static TheoryData<DatabaseProvider> All => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);
}

/// <summary>
/// One started app per provider, shared by the tests of a collection so that each provider's
/// startup and migrations are paid once. Tests create their own organisations, so they do not
/// see each other's data.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, VendorRiskAppFactory> _apps = [];

    public VendorRiskAppFactory this[DatabaseProvider provider] => _apps[provider];

    public async ValueTask InitializeAsync()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            // Tests sign in many times from one address: the per-address limit has its own test.
            // An empty database: MigrationTests checks that the app's startup migrated it.
            _apps[provider] = await VendorRiskAppFactory.StartAsync(
                provider,
                settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinutePerAddress"] = "100000" },
                emptyDatabase: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedApps : ICollectionFixture<AppFixture>
{
    public const string Name = "App on both databases";
}
