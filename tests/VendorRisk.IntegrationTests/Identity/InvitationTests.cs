using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Invitations;

namespace VendorRisk.IntegrationTests.Identity;

/// <summary>
/// Invitations end to end through a real SMTP server: the e-mail's link, the password, the MFA
/// enrolment, the home page — and every way a link can be bad.
/// </summary>
public sealed partial class InvitationTests(InvitationTests.AppsWithMail fixture) : IClassFixture<InvitationTests.AppsWithMail>
{
    private readonly TestSmtpServer _smtp = fixture.Smtp;
    private readonly Dictionary<DatabaseProvider, VendorRiskAppFactory> _apps = fixture.Apps;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_invited_colleague_sets_a_password_enrols_mfa_and_lands_on_home(DatabaseProvider provider)
    {
        var app = _apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var invitee = $"new-{Guid.NewGuid():N}@test.example";

        await using (var scope = await app.ScopeForAsync(admin))
        {
            var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync(invitee, OrganisationRole.Dpo, "http://localhost/", Ct);
            Assert.True(result.Succeeded, result.Message);
        }

        var mail = await _smtp.WaitForMessageToAsync(invitee);
        Assert.Contains(hospital.Name, mail.Subject, StringComparison.Ordinal);
        var link = new Uri(LinkIn(mail.TextBody));
        using var client = app.CreateBrowserLikeClient();

        var page = await client.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);
        Assert.Contains($"Join {hospital.Name}", page, StringComparison.Ordinal);

        using var weak = await client.PostFormAsync(link.PathAndQuery, "invitation", Form(link, "Nouvelle DPO", "1qaz2wsx3edc4rfv"));
        Assert.Contains("lists of leaked passwords", await weak.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var accepted = await client.PostFormAsync(link.PathAndQuery, "invitation", Form(link, "Nouvelle DPO", "Un-mot-de-passe-solide-42"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("/Account/EnrolAuthenticator", accepted.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var enrol = await client.GetStringAsync(new Uri("/Account/EnrolAuthenticator", UriKind.Relative), Ct);
        var key = AuthenticatorKey().Match(enrol).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        using var enrolled = await client.PostFormAsync("/Account/EnrolAuthenticator", "enrol", new() { ["Input.Code"] = Totp.CodeFor(key) });
        Assert.Contains("Two-step verification is on", await enrolled.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains($"You are acting for {hospital.Name} as DPO.", home, StringComparison.Ordinal);

        // The link is single-use.
        using var other = app.CreateBrowserLikeClient();
        var reused = await other.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);
        Assert.Contains("This invitation has already been accepted.", reused, StringComparison.Ordinal);
        Assert.True(await EventCountAsync(app, SecurityEventKind.InvitationAccepted, invitee) == 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_or_unknown_link_is_refused_and_creates_nothing(string token)
    {
        var app = _apps[DatabaseProvider.Sqlite];
        using var client = app.CreateBrowserLikeClient();

        var page = await client.GetStringAsync(new Uri($"/Account/Invitation?token={Uri.EscapeDataString(token)}", UriKind.Relative), Ct);

        Assert.Contains("This invitation link is not valid.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Password\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_revoked_invitation_and_the_old_link_of_a_resent_one_no_longer_work(DatabaseProvider provider)
    {
        var app = _apps[provider];
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var vendorAdmin = await app.CreateUserAsync(vendor, OrganisationRole.VendorAdmin);
        var revoked = $"revoked-{Guid.NewGuid():N}@test.example";
        var resent = $"resent-{Guid.NewGuid():N}@test.example";

        await using (var scope = await app.ScopeForAsync(vendorAdmin))
        {
            var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
            Assert.True((await invitations.InviteAsync(revoked, OrganisationRole.VendorContributor, "http://localhost/", Ct)).Succeeded);
            Assert.True((await invitations.InviteAsync(resent, OrganisationRole.VendorContributor, "http://localhost/", Ct)).Succeeded);
            var duplicate = await invitations.InviteAsync(resent, OrganisationRole.VendorContributor, "http://localhost/", Ct);
            Assert.False(duplicate.Succeeded);
            Assert.Contains("already has a pending invitation", duplicate.Message, StringComparison.Ordinal);
            var hospitalRole = await invitations.InviteAsync($"x-{Guid.NewGuid():N}@test.example", OrganisationRole.Ciso, "http://localhost/", Ct);
            Assert.False(hospitalRole.Succeeded);

            var pending = await invitations.ListPendingAsync(Ct);
            await invitations.RevokeAsync(pending.Single(p => p.Email == revoked).Id, Ct);
            var firstLink = LinkIn((await _smtp.WaitForMessageToAsync(resent)).TextBody);
            await invitations.ResendAsync(pending.Single(p => p.Email == resent).Id, "http://localhost/", Ct);
            using var client = app.CreateBrowserLikeClient();
            var old = await client.GetStringAsync(new Uri(new Uri(firstLink).PathAndQuery, UriKind.Relative), Ct);
            Assert.Contains("This invitation link is not valid.", old, StringComparison.Ordinal);
        }

        Assert.Equal(2, _smtp.CountTo(resent));
        using var browser = app.CreateBrowserLikeClient();
        var revokedPage = await browser.GetStringAsync(new Uri(new Uri(LinkIn((await _smtp.WaitForMessageToAsync(revoked)).TextBody)).PathAndQuery, UriKind.Relative), Ct);
        Assert.Contains("This invitation was withdrawn.", revokedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        var app = _apps[DatabaseProvider.Sqlite];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(hospital, OrganisationRole.Administrator);
        var invitee = $"late-{Guid.NewGuid():N}@test.example";
        await using (var scope = await app.ScopeForAsync(admin))
        {
            await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync(invitee, OrganisationRole.Auditor, "http://localhost/", Ct);
        }

        // Age the invitation by eight days, as time would.
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(hospital.Id))
        {
            var invitation = await db.Invitations.SingleAsync(i => i.Email == invitee, Ct);
            db.Entry(invitation).Property(nameof(Invitation.ExpiresAtUtc)).CurrentValue = DateTimeOffset.UtcNow.AddDays(-1);
            await db.SaveChangesAsync(Ct);
        }

        using var client = app.CreateBrowserLikeClient();
        var page = await client.GetStringAsync(new Uri(new Uri(LinkIn((await _smtp.WaitForMessageToAsync(invitee)).TextBody)).PathAndQuery, UriKind.Relative), Ct);
        Assert.Contains("This invitation has expired.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_may_invite()
    {
        var app = _apps[DatabaseProvider.Sqlite];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var procurement = await app.CreateUserAsync(hospital, OrganisationRole.Procurement);
        await using var scope = await app.ScopeForAsync(procurement);

        var result = await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync($"x-{Guid.NewGuid():N}@test.example", OrganisationRole.Dpo, "http://localhost/", Ct);

        Assert.False(result.Succeeded);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<InvitationService>().ListPendingAsync(Ct));
    }

    /// <summary>One app per database, both sending mail to one in-process SMTP server.</summary>
    public sealed class AppsWithMail : IAsyncLifetime
    {
        public TestSmtpServer Smtp { get; } = new();

        public Dictionary<DatabaseProvider, VendorRiskAppFactory> Apps { get; } = [];

        public async ValueTask InitializeAsync()
        {
            var settings = Smtp.AppSettings();
            settings["Security:SignInAttemptsPerMinutePerAddress"] = "100000";
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                Apps[provider] = await VendorRiskAppFactory.StartAsync(provider, settings: settings);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var app in Apps.Values)
            {
                await app.DisposeAsync();
            }

            await Smtp.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Form(Uri link, string name, string password)
    {
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        return new()
        {
            ["Input.Token"] = token,
            ["Input.DisplayName"] = name,
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
        };
    }

    private static string LinkIn(string? text) => LinkPattern().Match(text ?? string.Empty).Value;

    private static async Task<int> EventCountAsync(VendorRiskAppFactory app, SecurityEventKind kind, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        return await db.SecurityEvents.CountAsync(e => e.Kind == kind && e.Email == email);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex AuthenticatorKey();
}
