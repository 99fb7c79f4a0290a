using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>A user made for a test; <see cref="TotpSecret"/> is null when MFA was not enrolled.</summary>
public sealed record TestUser(string Id, string Email, string Password, Guid OrganisationId, OrganisationRole Role, string? TotpSecret);

/// <summary>Builds organisations and users through the app's own services.</summary>
public static class TestData
{
    public const string Password = "Correct-Horse-Battery-9";

    public static async Task<Organisation> CreateOrganisationAsync(this VendorRiskAppFactory app, OrganisationKind kind, string? name = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var organisation = new Organisation(name ?? $"{kind} {Guid.NewGuid():N}"[..30], kind, DateTimeOffset.UtcNow);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    public static async Task<TestUser> CreateUserAsync(
        this VendorRiskAppFactory app,
        Organisation organisation,
        OrganisationRole role,
        string? displayName = null,
        bool enrolMfa = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName ?? $"{role} {email[..8]}",
            CreatedAtUtc = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        string? secret = null;
        if (enrolMfa)
        {
            secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", secret);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        db.Memberships.Add(new Membership(organisation, user.Id, role, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return new TestUser(user.Id, email, Password, organisation.Id, role, secret);
    }
}
