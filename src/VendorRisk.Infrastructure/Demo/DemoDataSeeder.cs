using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Demo;

/// <summary>
/// Loads <see cref="DemoData"/> once into an empty database. The host calls it only in the
/// Development environment; it is idempotent (an existing "CHU Demo" means nothing is done).
/// </summary>
public sealed partial class DemoDataSeeder(
    PlatformDbContextFactory contexts,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    // Where Identity's user store keeps the authenticator key (UserStoreBase's internal names).
    private const string AuthenticatorKeyProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateSystemContext();
        if (await db.Organisations.AnyAsync(o => o.Name == DemoData.HospitalName, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var organisations = DemoData.Organisations.ToDictionary(o => o.Name, o => new Organisation(o.Name, o.Kind, now));
        db.Organisations.AddRange(organisations.Values);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var account in DemoData.Accounts)
        {
            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                CreatedAtUtc = now,
                CurrentOrganisationId = organisations[account.OrganisationName].Id,
            };
            var created = await users.CreateAsync(user, DemoData.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo user {account.Email} could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            // MFA pre-enrolled with the README's key, so a newcomer can sign in with any authenticator app.
            await users.SetAuthenticationTokenAsync(user, AuthenticatorKeyProvider, AuthenticatorKeyName, account.TotpSecret);
            await users.SetTwoFactorEnabledAsync(user, true);

            db.Memberships.Add(new Membership(organisations[account.OrganisationName], user.Id, account.Role, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, DemoData.Accounts.Count, DemoData.Organisations.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded: {Users} users in {Organisations} organisations.")]
    private static partial void LogSeeded(ILogger logger, int users, int organisations);
}
