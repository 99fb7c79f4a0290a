using System.Net;
using System.Text.RegularExpressions;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>Signs in through the real login form, as a browser would (antiforgery token included).</summary>
public static partial class HttpSignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync("/Account/Login"),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        var target = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(target, UriKind.Relative), content);
    }

    /// <summary>
    /// Posts to an account endpoint (sign-out, switch organisation) with the per-user antiforgery
    /// token the static login page issues, as the forms of interactive pages do.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAccountEndpointAsync(this HttpClient client, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync("/Account/Login");
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>The path of a redirect, whether the app wrote it absolute or relative.</summary>
    public static string LocationPath(this HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{path} has no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Password, then (for an enrolled user) the authenticator code: a full sign-in.</summary>
    public static async Task SignInAsync(this HttpClient client, TestUser user)
    {
        using var response = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (user.TotpSecret is null)
        {
            return;
        }

        Assert.Contains("LoginWith2fa", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var verified = await client.PostCodeAsync(Totp.CodeFor(user.TotpSecret));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
    }

    public static Task<HttpResponseMessage> PostCodeAsync(this HttpClient client, string code) =>
        client.PostFormAsync("/Account/LoginWith2fa", "code", new() { ["Input.Code"] = code, ["Input.RememberMe"] = "False" });

    /// <summary>Posts a static account form the way the browser does: page first (for the antiforgery token), then the form.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(path);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
