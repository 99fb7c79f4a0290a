using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;

namespace VendorRisk.IntegrationTests.Api;

/// <summary>Authorization code + PKCE for a signed-in (MFA) user, refresh-token rotation, and the end of a user's tokens.</summary>
[Collection(SharedApps.Name)]
public sealed class AuthorizationCodeFlowTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Flow(HttpClient Browser, HttpClient Http, RegisteredClient Client, TestUser User, Hospital Hospital);

    private async Task<Flow> StartAsync(DatabaseProvider provider, OrganisationRole role = OrganisationRole.Ciso)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var client = await app.RegisterClientAsync(await app.AdministratorAsync(hospital.Organisation), ["vendorrisk.read"], ApiTestSupport.RedirectUri);
        Assert.Null(client.Secret);
        var user = await app.CreateUserAsync(hospital.Organisation, role);
        var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(user);
        return new Flow(browser, app.CreateClient(), client, user, hospital);
    }

    private static async Task<TokenResponse> CodeForTokensAsync(Flow flow)
    {
        var (verifier, challenge) = ApiTestSupport.NewPkce();
        using var authorize = await flow.Browser.GetAsync(new Uri(ApiTestSupport.AuthorizePath(flow.Client.ClientId, challenge), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var parameters = authorize.RedirectParameters();
        Assert.Equal("state-123", parameters["state"]);
        return await flow.Http.TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = flow.Client.ClientId,
            ["code"] = parameters["code"],
            ["redirect_uri"] = ApiTestSupport.RedirectUri,
            ["code_verifier"] = verifier,
        });
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_signed_in_mfa_user_gets_tokens_with_code_and_pkce_and_refresh_tokens_rotate(DatabaseProvider provider)
    {
        var flow = await StartAsync(provider);
        var register = await Register.CreateAsync(apps[provider], flow.Hospital);
        using var browser = flow.Browser;
        using var http = flow.Http;

        var tokens = await CodeForTokensAsync(flow);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.RefreshToken);
        using (var call = await http.GetWithTokenAsync($"/api/v1/vendors/{register.VendorId}", tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        var refreshed = await http.TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = flow.Client.ClientId, ["refresh_token"] = tokens.RefreshToken! });
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);

        // The used refresh token is refused, and its reuse revokes the whole grant.
        var replayed = await http.TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = flow.Client.ClientId, ["refresh_token"] = tokens.RefreshToken! });
        Assert.Equal("invalid_grant", replayed.Error);
        var afterReplay = await http.TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = flow.Client.ClientId, ["refresh_token"] = refreshed.RefreshToken! });
        Assert.Equal("invalid_grant", afterReplay.Error);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Pkce_plain_and_a_missing_challenge_are_refused(DatabaseProvider provider)
    {
        var flow = await StartAsync(provider);
        using var browser = flow.Browser;
        using var http = flow.Http;

        using (var plain = await browser.GetAsync(new Uri(ApiTestSupport.AuthorizePath(flow.Client.ClientId, "a-plain-verifier-that-is-long-enough-to-be-valid-123", "plain"), UriKind.Relative), Ct))
        {
            // Refused before any redirect: no code is ever issued for a plain challenge.
            Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
            var body = await plain.Content.ReadAsStringAsync(Ct);
            Assert.Contains("invalid_request", body, StringComparison.Ordinal);
            Assert.Contains("code_challenge_method", body, StringComparison.Ordinal);
        }

        var withoutChallenge = ApiTestSupport.AuthorizePath(flow.Client.ClientId, "x").Replace("&code_challenge=x&code_challenge_method=S256", string.Empty, StringComparison.Ordinal);
        using var missing = await browser.GetAsync(new Uri(withoutChallenge, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("code_challenge", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_authorize_endpoint_sends_an_anonymous_visitor_to_sign_in_and_refuses_a_vendor_user(DatabaseProvider provider)
    {
        var app = apps[provider];
        var flow = await StartAsync(provider);
        using var http = flow.Http;
        using var browser = flow.Browser;
        var (_, challenge) = ApiTestSupport.NewPkce();
        var path = ApiTestSupport.AuthorizePath(flow.Client.ClientId, challenge);

        using var anonymous = app.CreateBrowserLikeClient();
        using (var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.LocationPath(), StringComparison.Ordinal);
        }

        // A member of another organisation cannot approve a client of this one.
        var otherHospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        using var outsider = app.CreateBrowserLikeClient();
        await outsider.SignInAsync(await app.CreateUserAsync(otherHospital, OrganisationRole.Ciso));
        using var refused = await outsider.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal("access_denied", refused.RedirectParameters()["error"]);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_deactivated_user_or_a_removed_membership_ends_the_users_tokens_at_once(DatabaseProvider provider)
    {
        var app = apps[provider];
        foreach (var deactivate in new[] { true, false })
        {
            var flow = await StartAsync(provider);
            using var browser = flow.Browser;
            using var http = flow.Http;
            var tokens = await CodeForTokensAsync(flow);
            using (var before = await http.GetWithTokenAsync("/api/v1/vendors", tokens.AccessToken))
            {
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                if (deactivate)
                {
                    var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                    var user = (await users.FindByIdAsync(flow.User.Id))!;
                    user.IsActive = false;
                    await users.UpdateAsync(user);
                }
                else
                {
                    await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(flow.Hospital.Organisation.Id);
                    db.Memberships.RemoveRange(await db.Memberships.Where(m => m.UserId == flow.User.Id).ToListAsync(Ct));
                    await db.SaveChangesAsync(Ct);
                }
            }

            using var after = await http.GetWithTokenAsync("/api/v1/vendors", tokens.AccessToken);
            Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
            var refresh = await http.TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = flow.Client.ClientId, ["refresh_token"] = tokens.RefreshToken! });
            Assert.Equal("invalid_grant", refresh.Error);
        }
    }
}
