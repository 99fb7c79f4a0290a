using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Infrastructure.Demo;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Web;

/// <summary>What changes with the hosting environment: demo data and error details.</summary>
public sealed class EnvironmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Development_loads_the_demo_tenant_once_and_its_logins_work(DatabaseProvider provider)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(provider, "Development");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A second start must not duplicate anything.
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(Ct);
            await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
            var names = await db.Organisations.Select(o => o.Name).OrderBy(n => n).ToListAsync(Ct);
            Assert.Equal(DemoData.Organisations.Select(o => o.Name).Order(), names);
            Assert.Equal(DemoData.Accounts.Count, await db.Memberships.IgnoreQueryFilters().CountAsync(Ct));
        }

        foreach (var account in DemoData.Accounts)
        {
            using var client = app.CreateBrowserLikeClient();
            using var login = await client.PostLoginAsync(account.Email, DemoData.Password);
            Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"{account.Email} could not sign in");
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Demo_data_never_loads_outside_development_even_when_enabled(string environment)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(
            DatabaseProvider.Sqlite,
            environment,
            settings: new Dictionary<string, string> { ["DemoData:Enabled"] = "true" });
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        Assert.Null(await users.FindByEmailAsync(DemoData.Accounts[0].Email));
    }

    [Fact]
    public async Task Outside_development_an_error_shows_a_reference_and_no_details()
    {
        await using var app = await VendorRiskAppFactory.StartAsync(
            DatabaseProvider.Sqlite,
            "Production",
            services => services.AddSingleton<IStartupFilter, ThrowingEndpointFilter>());
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/__test/throw", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains("Reference:", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingEndpointFilter.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at VendorRisk", html, StringComparison.Ordinal);
    }

    /// <summary>Adds, after the app's own pipeline, an address that throws.</summary>
    private sealed class ThrowingEndpointFilter : IStartupFilter
    {
        public const string Secret = "connection-password-42";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) =>
                context.Request.Path == "/__test/throw"
                    ? throw new InvalidOperationException($"Failure that mentions {Secret}")
                    : Task.CompletedTask);
        };
    }
}
