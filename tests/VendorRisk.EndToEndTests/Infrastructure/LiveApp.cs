using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(VendorRisk.EndToEndTests.Infrastructure.Browser))]

namespace VendorRisk.EndToEndTests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port, in Development with its demo tenant, on a private SQLite file:
/// what a newcomer gets from the README's run command.
/// </summary>
public sealed class LiveApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "vendorrisk-e2e", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = default!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        return ValueTask.CompletedTask;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("DemoData:Enabled", "true");

        // Every test signs in from the same address: the per-address limit has its own test.
        builder.UseSetting("Security:SignInAttemptsPerMinutePerAddress", "1000");

        // The journeys sign the same few demo accounts in many times in one run (the CISO in several
        // journeys) and their pages stay open until the run ends, each holding a circuit: the
        // per-user circuit limit (5 in production) has its own tests (CircuitLimitTests).
        builder.UseSetting("Security:Circuits:MaxCircuitsPerUser", "100");

        // Live circuits re-checked every two seconds, so revocation is observable in a test.
        builder.UseSetting("Security:RevalidationInterval", "00:00:02");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the rest of the temp folder.
        }
    }
}

/// <summary>
/// The journeys share one live app (and its demo data), so they run one after the other. The
/// browser is one per test run (<see cref="Browser"/> is an assembly fixture), so tests outside
/// this collection, such as <see cref="PublishedAppTests"/>, run alongside the journeys.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LiveAppAndBrowser : ICollectionFixture<LiveApp>
{
    public const string Name = "Live app and browser";
}
