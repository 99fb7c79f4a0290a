using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>The real app on one test database, in the Testing environment (no demo data) unless told otherwise.</summary>
public sealed class VendorRiskAppFactory(
    TestDatabase database,
    string environment = "Testing",
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>PBKDF2 iterations of the test host's password hasher (Identity's default is 100,000).</summary>
    public const int TestPasswordHashIterations = 1_000;

    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:DataDirectory", Database.Directory);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }

        // TEST HOST ONLY: password hashes with 1,000 PBKDF2 iterations instead of Identity's
        // 100,000. Tests create and sign in well over a thousand users, and the hashing alone cost
        // over a minute of CPU on the 2-core build machine. The production registration is untouched (no
        // setting can lower it outside this factory), and the hash format is the same
        // (the iteration count is stored in each hash), so only the work factor differs.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestPasswordHashIterations));
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// A test database and an app started on it. The database is a copy of an already migrated
    /// template (the app's startup then finds nothing to apply) unless <paramref name="emptyDatabase"/>
    /// asks for an empty one that the app's startup migrates.
    /// </summary>
    public static async Task<VendorRiskAppFactory> StartAsync(
        DatabaseProvider provider,
        string environment = "Testing",
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? settings = null,
        bool emptyDatabase = false)
    {
        var database = emptyDatabase ? await TestDatabase.CreateAsync(provider) : await TestDatabase.CreateMigratedAsync(provider);
        var factory = new VendorRiskAppFactory(database, environment, configureServices, settings);
        _ = factory.Server; // starts the host: migrations run here (nothing left to apply on a migrated copy)
        return factory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
