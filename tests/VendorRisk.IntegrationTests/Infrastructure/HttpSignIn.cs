using System.Net;
using System.Text.RegularExpressions;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>Signs in through the real login form, as a browser would (antiforgery token included).</summary>
public static partial class HttpSignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "The login page has no antiforgery token.");

        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        var target = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(target, UriKind.Relative), content);
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
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{path} has no antiforgery token.");
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
