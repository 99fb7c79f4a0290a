using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>Drives the passkey endpoints as wwwroot/js/passkeys.js does: JSON posts with the antiforgery token in a header.</summary>
public static partial class PasskeyClient
{
    public static async Task<HttpResponseMessage> PostPasskeyAsync(this HttpClient client, string path, object? body = null)
    {
        var page = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = System.Net.WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Origin", "http://localhost");
        return await client.SendAsync(request);
    }

    /// <summary>Creation options, the authenticator's attestation, then /Add: the passkey registration ceremony.</summary>
    public static async Task<HttpResponseMessage> RegisterPasskeyAsync(this HttpClient client, SoftwareAuthenticator authenticator, string name = "Test key")
    {
        using var options = await client.PostPasskeyAsync("/Account/Passkey/CreationOptions");
        Assert.True(options.IsSuccessStatusCode, $"creation options: {(int)options.StatusCode} {await options.Content.ReadAsStringAsync()}");
        var credential = authenticator.Create(await options.Content.ReadAsStringAsync());
        return await client.PostPasskeyAsync("/Account/Passkey/Add", new { credential, name, returnUrl = "/" });
    }

    /// <summary>Request options, the authenticator's assertion, then /SignIn.</summary>
    public static async Task<HttpResponseMessage> SignInWithPasskeyAsync(this HttpClient client, SoftwareAuthenticator authenticator, bool tamper = false)
    {
        using var options = await client.PostPasskeyAsync("/Account/Passkey/RequestOptions");
        Assert.True(options.IsSuccessStatusCode, $"request options: {(int)options.StatusCode}");
        var credential = authenticator.Get(await options.Content.ReadAsStringAsync(), tamper);
        return await client.PostPasskeyAsync("/Account/Passkey/SignIn", new { credential, returnUrl = "/" });
    }

    /// <summary>A scope acting as <paramref name="user"/> whose session has just passed a step-up.</summary>
    public static async Task<AsyncServiceScope> SteppedUpScopeForAsync(this VendorRiskAppFactory app, TestUser user)
    {
        var scope = await app.ScopeForAsync(user);
        var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
        if (principal.GetSessionId() is null)
        {
            // A principal built by the claims factory has no session of its own (the cookie adds it at sign-in).
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(VendorRiskClaimTypes.Session, Guid.NewGuid().ToString("N")));
        }

        var account = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>().FindByIdAsync(user.Id);
        await scope.ServiceProvider.GetRequiredService<StepUpVerifier>().RecordAsync(account!, principal.GetSessionId()!, "test");
        return scope;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
