using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A test database and an app started on it.</summary>
    public static async Task<VendorRiskAppFactory> StartAsync(
        DatabaseProvider provider,
        string environment = "Testing",
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new VendorRiskAppFactory(database, environment, configureServices, settings);
        _ = factory.Server; // starts the host: migrations run here
        return factory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
