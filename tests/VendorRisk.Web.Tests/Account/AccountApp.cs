using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Tests.Account;

/// <summary>
/// The real app's services (Identity, sign-in flow, invitations) on a throw-away SQLite database,
/// so the static account pages render in bUnit against the same code that serves them.
/// </summary>
public sealed class AccountApp : WebApplicationFactory<Program>
{
    public const string Password = "Correct-Horse-Battery-9";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vendorrisk-bunit", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_directory, "vendorrisk.db")};Foreign Keys=True");
        builder.UseSetting("Database:DataDirectory", _directory);
    }

    /// <summary>A scope with a request of its own, as a static page being rendered has.</summary>
    public (AsyncServiceScope Scope, HttpContext Http) NewRequest(string? cookie = null)
    {
        _ = Server;
        var scope = Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "POST";
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.Path = "/Account/Login";
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        if (cookie is not null)
        {
            http.Request.Headers.Cookie = cookie;
        }

        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        return (scope, http);
    }

    public async Task<(ApplicationUser User, string? Secret)> CreateUserAsync(OrganisationRole role, bool enrolMfa = true, bool lockedOut = false)
    {
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email[..12], CreatedAtUtc = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        string? secret = null;
        if (enrolMfa)
        {
            secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", secret);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        if (lockedOut)
        {
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
        }

        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var organisation = new Organisation($"Hospital {Guid.NewGuid():N}"[..20], OrganisationRoles.SideOf(role), DateTimeOffset.UtcNow);
        db.Organisations.Add(organisation);
        db.Memberships.Add(new Membership(organisation, user.Id, role, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return (user, secret);
    }

    /// <summary>An invitation stored with the hash of <paramref name="token"/>, as InvitationService does.</summary>
    public async Task<string> InviteAsync(string token, string email)
    {
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var organisation = new Organisation("CHU Invitant", OrganisationKind.Hospital, DateTimeOffset.UtcNow);
        db.Organisations.Add(organisation);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
        db.Invitations.Add(new Invitation(organisation, email, OrganisationRole.Dpo, hash, "inviter", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return organisation.Name;
    }

    /// <summary>The cookie header a browser would send back after <paramref name="http"/>'s response.</summary>
    public static string CookiesOf(HttpContext http) =>
        string.Join("; ", http.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned eventually.
        }
    }
}
