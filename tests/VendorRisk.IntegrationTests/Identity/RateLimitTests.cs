using System.Net;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Identity;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_per_address_limit_are_refused_with_a_clear_message()
    {
        await using var app = await VendorRiskAppFactory.StartAsync(
            DatabaseProvider.Sqlite,
            settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinutePerAddress"] = "3" });
        using var client = app.CreateBrowserLikeClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostLoginAsync($"nobody{i}@test.example", "whatever-password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.PostLoginAsync("nobody@test.example", "whatever-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Reading the page stays possible.
        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
