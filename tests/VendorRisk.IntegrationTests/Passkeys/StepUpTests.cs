using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Features.Members;

namespace VendorRisk.IntegrationTests.Passkeys;

/// <summary>Step-up re-authentication: fresh for five minutes, per session, a wrong code counts; role changes need it.</summary>
public sealed class StepUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_step_up_is_fresh_for_five_minutes_in_its_own_session_only(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await VendorRiskAppFactory.StartAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Administrator);
        await using var scope = await app.ScopeForAsync(user);
        var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
        var verifier = scope.ServiceProvider.GetRequiredService<StepUpVerifier>();
        Assert.False(await verifier.IsFreshAsync(principal, Ct));

        Assert.Equal(StepUpOutcome.Passed, await verifier.VerifyCodeAsync(principal, Totp.CodeFor(user.TotpSecret!, clock.GetUtcNow().UtcDateTime)));
        Assert.True(await verifier.IsFreshAsync(principal, Ct));

        // Another session of the same account (a stolen cookie) does not share the proof.
        await using (var other = await app.ScopeForAsync(user))
        {
            Assert.False(await verifier.IsFreshAsync(other.ServiceProvider.GetRequiredService<CurrentUser>().Principal, Ct));
        }

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(await verifier.IsFreshAsync(principal, Ct));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await verifier.IsFreshAsync(principal, Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_freshness_window_is_configurable(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await VendorRiskAppFactory.StartAsync(
            provider,
            configureServices: s => s.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string> { ["Security:StepUp:FreshForMinutes"] = "2" });
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Ciso);
        await using var scope = await app.SteppedUpScopeForAsync(user);
        var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
        var verifier = scope.ServiceProvider.GetRequiredService<StepUpVerifier>();

        clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.True(await verifier.IsFreshAsync(principal, Ct));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await verifier.IsFreshAsync(principal, Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Wrong_step_up_codes_count_towards_the_lockout(DatabaseProvider provider)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(provider);
        var user = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Administrator);
        await using var scope = await app.ScopeForAsync(user);
        var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
        var verifier = scope.ServiceProvider.GetRequiredService<StepUpVerifier>();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(StepUpOutcome.Invalid, await verifier.VerifyCodeAsync(principal, "000000"));
        }

        Assert.Equal(StepUpOutcome.LockedOut, await verifier.VerifyCodeAsync(principal, "000000"));
        Assert.Equal(StepUpOutcome.LockedOut, await verifier.VerifyCodeAsync(principal, Totp.CodeFor(user.TotpSecret!)));
        Assert.False(await verifier.IsFreshAsync(principal, Ct));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Changing_a_role_or_removing_a_member_is_refused_without_a_step_up(DatabaseProvider provider)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(provider);
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var auditor = await app.CreateUserAsync(hospital, OrganisationRole.Auditor);
        await using var scope = await app.ScopeForAsync(admin);
        var members = scope.ServiceProvider.GetRequiredService<MembersService>();

        var refused = await members.ChangeRoleAsync(auditor.Id, OrganisationRole.Procurement, Ct);
        Assert.False(refused.Succeeded);
        Assert.Contains("Confirm it is you", refused.Message, StringComparison.Ordinal);
        Assert.False((await members.RemoveAsync(auditor.Id, Ct)).Succeeded);
        Assert.Equal(OrganisationRole.Auditor, (await members.ListAsync(Ct)).Single(m => m.UserId == auditor.Id).Role);

        var principal = scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal;
        Assert.Equal(StepUpOutcome.Passed, await scope.ServiceProvider.GetRequiredService<StepUpVerifier>().VerifyCodeAsync(principal, Totp.CodeFor(admin.TotpSecret!)));
        Assert.True((await members.ChangeRoleAsync(auditor.Id, OrganisationRole.Procurement, Ct)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_development_mailbox_answers_not_found_outside_development(DatabaseProvider provider)
    {
        await using var app = await VendorRiskAppFactory.StartAsync(provider);
        using var client = app.CreateBrowserLikeClient();
        using var anonymous = await client.GetAsync(new Uri("/dev/mail", UriKind.Relative), Ct);
        Assert.True(anonymous.StatusCode == HttpStatusCode.NotFound, $"{(int)anonymous.StatusCode} {anonymous.Headers.Location}");

        var admin = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Hospital), OrganisationRole.Administrator);
        await client.SignInAsync(admin);
        using var signedIn = await client.GetAsync(new Uri("/dev/mail", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
    }
}
