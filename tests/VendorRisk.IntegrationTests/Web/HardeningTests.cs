using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Audit;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Web;

/// <summary>Security headers on every answer, cookie flags, HSTS outside Development and correlation ids.</summary>
[Collection(SharedApps.Name)]
public sealed partial class HardeningTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Every_page_and_endpoint_answers_with_the_security_headers(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(admin);

        // Every parameterless GET route of the app (pages, CSV exports, health), plus a static
        // file, a page that does not exist and the sign-in page.
        var paths = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0 && e.RoutePattern.RawText is { } raw && !raw.StartsWith('_') && !raw.Contains('{', StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Concat(["/app.css", "/no-such-page", "/Account/Login", "/health/ready"])
            .Distinct()
            .ToList();
        Assert.Contains("/audit/export.csv", paths);
        Assert.Contains("/vendors", paths);

        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            AssertSecurityHeaders(response, path);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Scripts_run_only_from_the_site_or_with_the_nonce_of_the_response(DatabaseProvider provider)
    {
        using var client = apps[provider].CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        var csp = Header(response, "Content-Security-Policy");
        var scriptSrc = Directive(csp, "script-src");
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scriptSrc, StringComparison.Ordinal);
        var nonce = NonceInPolicy().Match(scriptSrc);
        Assert.True(nonce.Success, scriptSrc);

        // Every inline script of the page (the import map) carries this response's nonce.
        var inline = InlineScript().Matches(html);
        Assert.NotEmpty(inline);
        Assert.All(inline, m => Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", WebUtility.HtmlDecode(m.Value), StringComparison.Ordinal));

        // A new response, a new nonce.
        using var again = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), Ct);
        Assert.NotEqual(scriptSrc, Directive(Header(again, "Content-Security-Policy"), "script-src"));
    }

    [Fact]
    public async Task Outside_development_https_answers_carry_hsts_and_cookies_are_secure_http_only_and_same_site()
    {
        await using var app = await VendorRiskAppFactory.StartAsync(DatabaseProvider.Sqlite, "Production");
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://vendorrisk.example"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), Ct);
        Assert.StartsWith("max-age=", Header(page, "Strict-Transport-Security"), StringComparison.Ordinal);
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("VendorRisk.Antiforgery=", StringComparison.Ordinal));
        AssertCookieFlags(antiforgery, "strict");

        using var login = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("VendorRisk.Auth=", StringComparison.Ordinal));
        AssertCookieFlags(auth, "lax");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_well_formed_correlation_id_is_echoed_and_recorded_in_audit_events(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var user = await app.CreateUserAsync(vendor, OrganisationRole.VendorContributor, enrolMfa: false);
        using var client = app.CreateBrowserLikeClient();
        var id = $"test-{Guid.NewGuid():N}";
        client.DefaultRequestHeaders.Add("X-Correlation-ID", id);

        using var login = await client.PostLoginAsync(user.Email, user.Password);

        Assert.Equal(id, Header(login, "X-Correlation-ID"));
        var events = await app.ChainAsync(vendor.Id);
        var signIn = Assert.Single(events, e => e.Action == "Security.SignInSucceeded");
        Assert.Equal(id, signIn.CorrelationId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("a-very-long-id-0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_missing_or_malformed_correlation_id_is_replaced_by_a_new_one(string incoming)
    {
        using var client = apps[DatabaseProvider.Sqlite].CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health/live", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", incoming);

        using var response = await client.SendAsync(request, Ct);
        using var other = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);

        var echoed = Header(response, "X-Correlation-ID");
        Assert.NotEqual(incoming, echoed);
        Assert.Matches("^[0-9a-f]{32}$", echoed);
        Assert.NotEqual(echoed, Header(other, "X-Correlation-ID"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string path)
    {
        var csp = Header(response, "Content-Security-Policy", path);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Directive(csp, "script-src"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options", path));
        Assert.Equal("DENY", Header(response, "X-Frame-Options", path));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy", path));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy", path), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), $"{path} names the server");
        Assert.Matches("^[A-Za-z0-9._-]{1,64}$", Header(response, "X-Correlation-ID", path));
    }

    private static void AssertCookieFlags(string setCookie, string sameSite)
    {
        var lower = setCookie.ToLowerInvariant();
        Assert.Contains("; secure", lower, StringComparison.Ordinal);
        Assert.Contains("; httponly", lower, StringComparison.Ordinal);
        Assert.Contains($"; samesite={sameSite}", lower, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name, string? path = null)
    {
        var found = response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values);
        Assert.True(found, $"{path ?? response.RequestMessage?.RequestUri?.ToString()} ({(int)response.StatusCode}) has no {name} header");
        return string.Join(", ", values!);
    }

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
