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

    public static async Task SignInAsync(this HttpClient client, TestUser user)
    {
        using var response = await client.PostLoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
