using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Passkeys;
using VendorRisk.Web.Features.Security;

namespace VendorRisk.IntegrationTests.Passkeys;

/// <summary>The tenant passkey policy setting and passkey removal: who may, and only after a step-up.</summary>
[Collection(SharedApps.Name)]
public sealed class PasskeySettingsTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_a_stepped_up_administrator_with_a_passkey_turns_the_policy_on_and_it_is_recorded(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);

        await using (var scope = await app.SteppedUpScopeForAsync(ciso))
        {
            Assert.False((await scope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SetPasskeyPolicyAsync(true, Ct)).Succeeded);
        }

        await using (var scope = await app.ScopeForAsync(admin))
        {
            var refused = await scope.ServiceProvider.GetRequiredService<OrganisationSecurityService>().SetPasskeyPolicyAsync(true, Ct);
            Assert.False(refused.Succeeded);
            Assert.Contains("Confirm it is you", refused.Message, StringComparison.Ordinal);
        }

        await using (var scope = await app.SteppedUpScopeForAsync(admin))
        {
            var settings = scope.ServiceProvider.GetRequiredService<OrganisationSecurityService>();
            var noPasskey = await settings.SetPasskeyPolicyAsync(true, Ct);
            Assert.False(noPasskey.Succeeded);
            Assert.Contains("Add a passkey to your own account first", noPasskey.Message, StringComparison.Ordinal);

            await GivePasskeyAsync(scope, admin.Id);
            Assert.True((await settings.SetPasskeyPolicyAsync(true, Ct)).Succeeded);
            Assert.True((await settings.GetPasskeyPolicyAsync(Ct))!.RequirePasskeyForPrivilegedRoles);
        }

        await using var check = app.Services.CreateAsyncScope();
        await using var db = check.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        Assert.True(await db.SecurityEvents.AnyAsync(e => e.Kind == SecurityEventKind.PasskeyPolicyChanged && e.OrganisationId == hospital.Id, Ct));
        Assert.True(await db.Organisations.Where(o => o.Id == hospital.Id).Select(o => o.RequirePasskeyForPrivilegedRoles).SingleAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Removing_a_passkey_needs_a_step_up_and_the_last_one_stays_while_the_policy_requires_it(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await GivePasskeyAsync(scope, ciso.Id);
            await GivePasskeyAsync(scope, ciso.Id);
        }

        await using (var scope = await app.ScopeForAsync(ciso))
        {
            var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
            var manager = scope.ServiceProvider.GetRequiredService<PasskeyManager>();
            var first = (await manager.ListAsync(principal))[0];
            Assert.False((await manager.RemoveAsync(principal, first.Id)).Ok);
            Assert.Equal(2, (await manager.ListAsync(principal)).Count);
            Assert.True((await manager.RenameAsync(principal, first.Id, "  Work phone  ")).Ok);
            Assert.False((await manager.RenameAsync(principal, first.Id, new string('x', 101))).Ok);
            Assert.Equal("Work phone", (await manager.ListAsync(principal))[0].Name);
        }

        await PasskeyTests.RequirePasskeysAsync(app, hospital.Id);
        await using (var scope = await app.SteppedUpScopeForAsync(ciso))
        {
            var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
            var manager = scope.ServiceProvider.GetRequiredService<PasskeyManager>();
            var passkeys = await manager.ListAsync(principal);
            Assert.True((await manager.RemoveAsync(principal, passkeys[0].Id)).Ok);
            var last = await manager.RemoveAsync(principal, passkeys[1].Id);
            Assert.False(last.Ok);
            Assert.Contains("add another one", last.Message, StringComparison.Ordinal);
            Assert.False((await manager.RemoveAsync(principal, "not-base64url!")).Ok);
            Assert.Single(await manager.ListAsync(principal));
        }
    }

    private static async Task GivePasskeyAsync(AsyncServiceScope scope, string userId)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var passkey = new UserPasskeyInfo(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [], []) { Name = "Key" };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
    }
}
