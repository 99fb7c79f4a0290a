using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Api;
using VendorRisk.Web.Auth;

namespace VendorRisk.IntegrationTests.Security;

/// <summary>
/// Read from the app's own route table, so that a new page or endpoint cannot be forgotten:
/// every endpoint states its authorization rule, and every page guarded by a policy admits
/// exactly the roles the policy table names.
/// </summary>
[Collection(SharedApps.Name)]
public sealed class EndpointAuthorizationTests(AppFixture apps)
{
    /// <summary>
    /// Endpoints the framework owns: the Blazor hub and framework files, and the static-asset
    /// fallback ASP.NET Core adds outside Production for files not yet built.
    /// </summary>
    private static readonly string[] FrameworkPrefixes = ["_blazor", "_framework/", "_content/", "{**path:file}"];

    [Fact]
    public void Every_endpoint_names_a_policy_or_is_explicitly_anonymous()
    {
        var missing = RouteEndpoints(apps[DatabaseProvider.Sqlite])
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                        && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Where(e => !IsFrameworkOrStaticAsset(e))
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        Assert.True(missing.Count == 0, $"Endpoints without an explicit authorization rule: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_policy_in_use_is_in_the_policy_table()
    {
        var used = RouteEndpoints(apps[DatabaseProvider.Sqlite])
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>())
            .Select(a => a.Policy)
            .OfType<string>()
            .Distinct();

        // SignedIn guards account endpoints that check the membership themselves; the API's
        // policies admit bearer tokens of our OpenID Connect server, never a role's cookie.
        Assert.All(used, policy => Assert.True(Policies.Roles.ContainsKey(policy) || policy == Policies.SignedIn || ApiPolicies.All.Contains(policy), $"{policy} is not in Policies.Roles"));
    }

    public static TheoryData<DatabaseProvider, OrganisationRole> RolesOnBothDatabases()
    {
        var data = new TheoryData<DatabaseProvider, OrganisationRole>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            foreach (var role in Enum.GetValues<OrganisationRole>())
            {
                data.Add(provider, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesOnBothDatabases))]
    public async Task Each_role_is_allowed_or_denied_every_page_as_its_policy_says(DatabaseProvider provider, OrganisationRole role)
    {
        var app = apps[provider];
        var organisation = await app.CreateOrganisationAsync(OrganisationRoles.SideOf(role));
        var user = await app.CreateUserAsync(organisation, role);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        foreach (var (path, policy) in GuardedPages(app))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var allowed = Policies.Roles[policy].Contains(role);

            if (allowed)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} should open {path} ({policy}) but got {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} should be denied {path} ({policy}) but got {(int)response.StatusCode}");
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RolesOnBothDatabases))]
    public async Task Each_role_is_allowed_or_denied_every_route_with_parameters_as_its_policy_says(DatabaseProvider provider, OrganisationRole role)
    {
        var app = apps[provider];
        var organisation = await app.CreateOrganisationAsync(OrganisationRoles.SideOf(role));
        var user = await app.CreateUserAsync(organisation, role);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        var routes = GuardedRoutesWithParameters(app);
        Assert.Contains(routes, r => r.Path.StartsWith("/evidence/files/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Path.EndsWith("/personal-data.json", StringComparison.Ordinal));
        foreach (var (path, policy) in routes)
        {
            // Fresh ids: an allowed role reaches the page or endpoint (which then says "not found"),
            // a denied role is sent to the access-denied page before anything is looked up.
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var denied = response.StatusCode == HttpStatusCode.Redirect
                         && response.Headers.Location!.PathAndQuery.StartsWith("/Account/AccessDenied", StringComparison.Ordinal);
            Assert.True(denied != Policies.Roles[policy].Contains(role), $"{role} on {path} ({policy}) got {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_guarded_page(DatabaseProvider provider)
    {
        using var client = apps[provider].CreateBrowserLikeClient();

        foreach (var (path, _) in GuardedPages(apps[provider]))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_user_without_any_membership_is_denied_every_guarded_page(DatabaseProvider provider)
    {
        var app = apps[provider];
        var organisation = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(organisation, OrganisationRole.Administrator);
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(organisation.Id))
        {
            db.Memberships.RemoveRange(db.Memberships.Where(m => m.UserId == user.Id));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        foreach (var (path, _) in GuardedPages(app))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RolesOnBothDatabases))]
    public async Task Every_api_endpoint_refuses_the_cookie_of_each_role(DatabaseProvider provider, OrganisationRole role)
    {
        var app = apps[provider];
        var organisation = await app.CreateOrganisationAsync(OrganisationRoles.SideOf(role));
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(await app.CreateUserAsync(organisation, role));
        using var anonymous = app.CreateBrowserLikeClient();

        var api = ApiRoutes(app);
        Assert.Contains("/api/v1/vendors", api);
        foreach (var path in api)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{role}'s cookie should not open {path} but got {(int)response.StatusCode}");
            using var unauthenticated = await anonymous.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }
    }

    /// <summary>Every API route, its parameters filled with a fresh id (the tests of Api/ prove the allowed cases with tokens).</summary>
    private static List<string> ApiRoutes(VendorRiskAppFactory app) =>
        RouteEndpoints(app)
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null && ApiPolicies.All.Contains(a.Policy)))
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                _ => Guid.NewGuid().ToString(),
            })))))
            .Distinct()
            .ToList();

    private static IEnumerable<RouteEndpoint> RouteEndpoints(VendorRiskAppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static bool IsFrameworkOrStaticAsset(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? string.Empty;
        return FrameworkPrefixes.Any(p => pattern.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Every GET page or endpoint with route parameters that names a role policy, its parameters filled with fresh values.</summary>
    private static List<(string Path, string Policy)> GuardedRoutesWithParameters(VendorRiskAppFactory app) =>
        RouteEndpoints(app)
            .Where(e => e.RoutePattern.Parameters.Count > 0 && e.RoutePattern.Parameters.All(p => !p.IsCatchAll))
            .Where(e => !IsFrameworkOrStaticAsset(e))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => (Endpoint: e, Policy: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null)))
            .Where(p => p.Policy is not null && Policies.Roles.ContainsKey(p.Policy))
            .Select(p => (Fill(p.Endpoint.RoutePattern), p.Policy!))
            .Distinct()
            .ToList();

    private static string Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(c => c.Content is "int" or "long") => "1",
            _ => Guid.NewGuid().ToString(),
        }))));

    /// <summary>Every parameterless GET page or endpoint that names a policy.</summary>
    private static List<(string Path, string Policy)> GuardedPages(VendorRiskAppFactory app)
    {
        var pages = RouteEndpoints(app)
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Policy: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null)))
            .Where(p => p.Policy is not null && Policies.Roles.ContainsKey(p.Policy))
            .Select(p => (p.Path, p.Policy!))
            .Distinct()
            .ToList();
        Assert.NotEmpty(pages);
        return pages;
    }
}
