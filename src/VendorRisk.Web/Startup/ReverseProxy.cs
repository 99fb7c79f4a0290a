using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace VendorRisk.Web.Startup;

/// <summary>
/// <c>ReverseProxy</c>: the proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> the app
/// believes. With none configured (the default) those headers are ignored from everyone, loopback
/// included: the client address is the socket's, so nobody can pick the address that the audit
/// log, the rate limits and the alerts see.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of the proxies in front of the app (<c>10.0.0.5</c>, <c>fd00::5</c>).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of the proxies, in CIDR notation (<c>10.0.0.0/24</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies (entries of <c>X-Forwarded-For</c>, right to left) to unwind; each must be a known one.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    internal IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"{SectionName}:KnownProxies: '{proxy}' is not an IP address.";
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return $"{SectionName}:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/24).";
        }

        if (ForwardLimit is < 1 or > 10)
        {
            yield return $"{SectionName}:ForwardLimit must be between 1 and 10.";
        }
    }

    /// <summary>The middleware's options: only the configured proxies, none of the framework's loopback defaults.</summary>
    internal ForwardedHeadersOptions ToForwardedHeadersOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = ForwardLimit,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options;
    }
}

internal static class ReverseProxy
{
    public static IServiceCollection AddVendorRiskReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReverseProxyOptions>()
            .Bind(configuration.GetSection(ReverseProxyOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, Validator>();

        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true would add the framework's own middleware trusting
        // every sender; it is switched off here: the ReverseProxy settings are the only way in.
        services.PostConfigure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.None);
        return services;
    }

    /// <summary>First in the pipeline: everything after it (logs, HSTS, cookies, rate limits, sessions, audit, alerts) sees the client.</summary>
    public static WebApplication UseVendorRiskForwardedHeaders(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        if (settings.IsEnabled)
        {
            app.UseForwardedHeaders(settings.ToForwardedHeadersOptions());
        }

        return app;
    }

    /// <summary>A wrong entry stops the app at start, naming the setting and the value.</summary>
    private sealed class Validator : IValidateOptions<ReverseProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
