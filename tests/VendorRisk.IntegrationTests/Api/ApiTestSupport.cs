using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.ApiClients;

namespace VendorRisk.IntegrationTests.Api;

internal sealed record RegisteredClient(string ClientId, string? Secret);

internal sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;

    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;
}

/// <summary>OAuth helpers for the API tests: clients registered through the real service, tokens from the real token endpoint.</summary>
internal static class ApiTestSupport
{
    public const string RedirectUri = "http://127.0.0.1/callback";

    public static async Task<TestUser> AdministratorAsync(this VendorRiskAppFactory app, Organisation organisation) =>
        await app.CreateUserAsync(organisation, OrganisationRole.Administrator);

    public static async Task<RegisteredClient> RegisterClientAsync(this VendorRiskAppFactory app, TestUser administrator, string[] scopes, string? redirectUri = null)
    {
        await using var scope = await app.ScopeForAsync(administrator);
        var result = await scope.ServiceProvider.GetRequiredService<ApiClientService>()
            .CreateAsync($"Client {Guid.NewGuid():N}"[..20], scopes, redirectUri, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Message);
        return new RegisteredClient(result.ClientId!, result.ClientSecret);
    }

    public static async Task<TokenResponse> ClientCredentialsAsync(this HttpClient http, RegisteredClient client, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.Secret!,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return await http.TokenAsync(form);
    }

    public static async Task<TokenResponse> TokenAsync(this HttpClient http, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new TokenResponse(response.StatusCode, body);
    }

    public static async Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient http, string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    public static string AuthorizePath(string clientId, string challenge, string method = "S256", string scope = "vendorrisk.read offline_access") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "state-123",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        });

    /// <summary>The query parameters of a redirect to the client.</summary>
    public static Dictionary<string, string> RedirectParameters(this HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        Assert.True(location is not null, $"{(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        Assert.StartsWith(RedirectUri, location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }
}
