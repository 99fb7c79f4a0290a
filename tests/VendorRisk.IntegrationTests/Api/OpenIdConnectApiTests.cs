using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.ApiClients;

namespace VendorRisk.IntegrationTests.Api;

/// <summary>Our OpenID Connect server and the vendor API, end to end through HTTP, on both databases.</summary>
[Collection(SharedApps.Name)]
public sealed class OpenIdConnectApiTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_client_credentials_token_reads_its_own_tenants_vendors_and_nothing_of_another(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var b = await Hospital.CreateAsync(app);
        var registerA = await Register.CreateAsync(app, a);
        var registerB = await Register.CreateAsync(app, b);
        var client = await app.RegisterClientAsync(await app.AdministratorAsync(a.Organisation), ["vendorrisk.read"]);
        using var http = app.CreateClient();

        var token = await http.ClientCredentialsAsync(client, "vendorrisk.read");
        Assert.Equal(HttpStatusCode.OK, token.Status);

        using var list = await http.GetWithTokenAsync("/api/v1/vendors?pageSize=100", token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var page = await list.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var names = page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("legalName").GetString()).ToList();
        Assert.Contains(registerA.VendorName, names);
        Assert.Contains($"Host of {registerA.VendorName}", names);
        Assert.DoesNotContain(registerB.VendorName, names);
        Assert.DoesNotContain(names, n => n!.Contains(registerB.VendorName, StringComparison.Ordinal));
        Assert.Equal(2, page.GetProperty("totalCount").GetInt32());

        // Filter by name, case-insensitive.
        using var filtered = await http.GetWithTokenAsync($"/api/v1/vendors?name={Uri.EscapeDataString("host OF " + registerA.VendorName.ToUpperInvariant())}", token.AccessToken);
        var filteredPage = await filtered.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([$"Host of {registerA.VendorName}"], filteredPage.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("legalName").GetString()).ToArray());

        // The other tenant's vendor, by a guessed id, does not exist for this client.
        using var guessed = await http.GetWithTokenAsync($"/api/v1/vendors/{registerB.VendorId}", token.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.Equal("application/problem+json", guessed.Content.Headers.ContentType?.MediaType);

        using var own = await http.GetWithTokenAsync($"/api/v1/vendors/{registerA.VendorId}", token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var detail = await own.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(registerA.VendorName, detail.GetProperty("legalName").GetString());
        Assert.Equal(registerA.ProductId, detail.GetProperty("products")[0].GetProperty("id").GetGuid());
        var engagement = detail.GetProperty("engagements")[0];
        Assert.Equal(registerA.EngagementId, engagement.GetProperty("id").GetGuid());
        Assert.Equal(engagement.GetProperty("tier").GetString(), detail.GetProperty("tier").GetString());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("tier").GetString()));

        // And the client of B sees B's, not A's.
        var clientB = await app.RegisterClientAsync(await app.AdministratorAsync(b.Organisation), ["vendorrisk.read"]);
        var tokenB = await http.ClientCredentialsAsync(clientB);
        using var listB = await http.GetWithTokenAsync("/api/v1/vendors", tokenB.AccessToken);
        var namesB = (await listB.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("legalName").GetString()).ToList();
        Assert.Contains(registerB.VendorName, namesB);
        Assert.DoesNotContain(registerA.VendorName, namesB);
        using var guessedByB = await http.GetWithTokenAsync($"/api/v1/vendors/{registerA.VendorId}", tokenB.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, guessedByB.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Bad_paging_and_oversized_filters_are_refused_with_a_problem(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var client = await app.RegisterClientAsync(await app.AdministratorAsync(a.Organisation), ["vendorrisk.read"]);
        using var http = app.CreateClient();
        var token = await http.ClientCredentialsAsync(client);

        foreach (var query in new[] { "page=0", "pageSize=101", "pageSize=0", "name=" + new string('x', 201) })
        {
            using var response = await http.GetWithTokenAsync($"/api/v1/vendors?{query}", token.AccessToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_token_without_the_read_scope_is_forbidden(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        await Register.CreateAsync(app, a);
        var writer = await app.RegisterClientAsync(await app.AdministratorAsync(a.Organisation), ["vendorrisk.write"]);
        using var http = app.CreateClient();

        var token = await http.ClientCredentialsAsync(writer);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        using var response = await http.GetWithTokenAsync("/api/v1/vendors", token.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        // A scope the client was not given is refused at the token endpoint.
        var refused = await http.ClientCredentialsAsync(writer, "vendorrisk.read");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_request", refused.Error);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task No_token_a_forged_token_a_wrong_secret_and_the_cookie_are_all_unauthorized(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var administrator = await app.AdministratorAsync(a.Organisation);
        var client = await app.RegisterClientAsync(administrator, ["vendorrisk.read"]);
        using var http = app.CreateClient();

        using var none = await http.GetWithTokenAsync("/api/v1/vendors", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains(none.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);

        using var forged = await http.GetWithTokenAsync("/api/v1/vendors", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        var wrongSecret = await http.ClientCredentialsAsync(client with { Secret = "not-the-secret" });
        Assert.Equal("invalid_client", wrongSecret.Error);

        // A signed-in browser session is not an API credential.
        using var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(administrator);
        using var withCookie = await browser.GetAsync(new Uri("/api/v1/vendors", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_revoked_client_loses_its_live_token_and_gets_no_new_one(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var administrator = await app.AdministratorAsync(a.Organisation);
        var client = await app.RegisterClientAsync(administrator, ["vendorrisk.read"]);
        using var http = app.CreateClient();
        var token = await http.ClientCredentialsAsync(client);
        using (var before = await http.GetWithTokenAsync("/api/v1/vendors", token.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var scope = await app.ScopeForAsync(administrator))
        {
            var service = scope.ServiceProvider.GetRequiredService<ApiClientService>();
            var row = Assert.Single(await service.ListAsync(Ct), r => r.ClientId == client.ClientId);
            Assert.NotNull(row.LastUsedAtUtc);
            Assert.True((await service.RevokeAsync(row.Id, Ct)).Succeeded);
            Assert.NotNull(Assert.Single(await service.ListAsync(Ct), r => r.ClientId == client.ClientId).RevokedAtUtc);
        }

        using var after = await http.GetWithTokenAsync("/api/v1/vendors", token.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var again = await http.ClientCredentialsAsync(client);
        Assert.Equal("invalid_client", again.Error);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_secret_is_stored_hashed_and_never_shown_again(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var administrator = await app.AdministratorAsync(a.Organisation);
        var client = await app.RegisterClientAsync(administrator, ["vendorrisk.read"]);
        Assert.NotNull(client.Secret);
        Assert.True(client.Secret!.Length >= 40);

        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var stored = await db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(x => x.ClientId == client.ClientId, Ct);
            Assert.NotNull(stored.ClientSecret);
            Assert.DoesNotContain(client.Secret, stored.ClientSecret, StringComparison.Ordinal);
        }

        await using (var scope = await app.ScopeForAsync(administrator))
        {
            var rows = await scope.ServiceProvider.GetRequiredService<ApiClientService>().ListAsync(Ct);
            Assert.DoesNotContain(client.Secret, JsonSerializer.Serialize(rows), StringComparison.Ordinal);
        }

        using var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(administrator);
        var page = await browser.GetStringAsync(new Uri("/organisation/api-clients", UriKind.Relative), Ct);
        Assert.Contains(client.ClientId, page, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Secret, page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_an_administrator_may_register_clients_and_only_their_own_tenants_are_listed(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var b = await Hospital.CreateAsync(app);
        var clientA = await app.RegisterClientAsync(await app.AdministratorAsync(a.Organisation), ["vendorrisk.read"]);
        var administratorB = await app.AdministratorAsync(b.Organisation);
        var clientB = await app.RegisterClientAsync(administratorB, ["vendorrisk.read"]);

        await using (var scope = await app.ScopeForAsync(administratorB))
        {
            var service = scope.ServiceProvider.GetRequiredService<ApiClientService>();
            var rows = await service.ListAsync(Ct);
            Assert.Equal([clientB.ClientId], rows.Select(r => r.ClientId).ToArray());

            // Guessing A's record id from B revokes nothing.
            await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
            var idOfA = await db.ApiClients.IgnoreQueryFilters().Where(c => c.ClientId == clientA.ClientId).Select(c => c.Id).SingleAsync(Ct);
            Assert.False((await service.RevokeAsync(idOfA, Ct)).Succeeded);
        }

        foreach (var role in OrganisationRoles.Hospital.Where(r => r != OrganisationRole.Administrator))
        {
            var other = await app.CreateUserAsync(a.Organisation, role);
            await using var scope = await app.ScopeForAsync(other);
            var service = scope.ServiceProvider.GetRequiredService<ApiClientService>();
            Assert.False((await service.CreateAsync("Nope", ["vendorrisk.read"], null, Ct)).Succeeded);
            Assert.Empty(await service.ListAsync(Ct));
        }

        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.ClientCredentialsAsync(clientA)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Hostile_client_registrations_are_refused_and_create_nothing(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var administrator = await app.AdministratorAsync(a.Organisation);
        await using var scope = await app.ScopeForAsync(administrator);
        var service = scope.ServiceProvider.GetRequiredService<ApiClientService>();

        Assert.False((await service.CreateAsync(new string('x', 101), ["vendorrisk.read"], null, Ct)).Succeeded);
        Assert.False((await service.CreateAsync("  ", ["vendorrisk.read"], null, Ct)).Succeeded);
        Assert.False((await service.CreateAsync("Ok", [], null, Ct)).Succeeded);
        Assert.False((await service.CreateAsync("Ok", ["admin"], null, Ct)).Succeeded);
        Assert.False((await service.CreateAsync("Ok", ["vendorrisk.read"], "javascript:alert(1)", Ct)).Succeeded);
        Assert.False((await service.CreateAsync("Ok", ["vendorrisk.read"], "http://evil.example/cb", Ct)).Succeeded);
        Assert.Empty(await service.ListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Discovery_and_jwks_are_served_and_announce_s256_only(DatabaseProvider provider)
    {
        using var http = apps[provider].CreateClient();
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);
        Assert.EndsWith("/connect/token", discovery.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/authorize", discovery.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).ToArray());
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("client_credentials", grants);
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        var scopes = discovery.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("vendorrisk.read", scopes);
        Assert.Contains("vendorrisk.write", scopes);

        var jwks = await http.GetFromJsonAsync<JsonElement>(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery, Ct);
        Assert.NotEmpty(jwks.GetProperty("keys").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_openapi_document_describes_the_vendor_endpoints(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        using var anonymous = app.CreateBrowserLikeClient();
        using (var refused = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        using var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(await app.CreateUserAsync(a.Organisation, OrganisationRole.Auditor));
        var document = await browser.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/vendors", out _));
        Assert.True(paths.TryGetProperty("/api/v1/vendors/{id}", out _));
        Assert.False(paths.TryGetProperty("/connect/token", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("oauth2", out _));

        using var reference = await browser.GetAsync(new Uri("/api/reference/", UriKind.Relative), Ct);
        Assert.True(reference.StatusCode == HttpStatusCode.OK, $"{reference.StatusCode} {reference.Headers.Location}");
    }
}
