using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>
/// The test server has no client address; with <see cref="Use"/>, a request's <see cref="Header"/>
/// sets it, as a browser or API client on that address would have (the app itself trusts no header).
/// </summary>
public static class ClientAddress
{
    public const string Header = "X-Test-Client-Address";

    public static void Use(IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    public static void From(this HttpClient client, string address)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, address);
    }

    /// <summary>The country database shipped with the tests (see TestData/README.md).</summary>
    public static string CountryDatabasePath => Path.Combine(AppContext.BaseDirectory, "TestData", "geo-whois-asn-country-ipv4.mmdb");

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
