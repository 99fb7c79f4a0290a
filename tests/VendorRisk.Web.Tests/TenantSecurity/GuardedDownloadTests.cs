using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OtpNet;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Features.Questionnaires;
using VendorRisk.Web.Features.TenantSecurity;
using VendorRisk.Web.Features.Vendors;
using VendorRisk.Web.Tests.Account;

namespace VendorRisk.Web.Tests.TenantSecurity;

/// <summary>
/// The guarded download (ADR 0017) with the real bulk-read guard, step-up verifier and dialog on a
/// throw-away SQLite database: allowed, step-up passed, step-up declined, refused; and the vendor
/// list counting one page view once.
/// </summary>
public sealed class GuardedDownloadTests(AccountApp app) : VendorRiskTestContext, IClassFixture<AccountApp>
{
    private const string Href = "/vendors/export.csv?country=FR";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private sealed record Member(string UserId, Guid TenantId, string Secret);

    /// <summary>A procurement member of a fresh hospital, signed in with a session, as the app's cookie would have it.</summary>
    private async Task<Member> SignInMemberAsync()
    {
        var (user, secret) = await app.CreateUserAsync(OrganisationRole.Procurement);
        await using var setup = app.Services.CreateAsyncScope();
        Guid tenant;
        await using (var db = setup.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            tenant = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id).Select(m => m.TenantId).SingleAsync(Ct);
        }

        var (scope, http) = app.NewRequest();
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ClaimTypes.Name, user.Email!),
                new Claim(VendorRiskClaimTypes.OrganisationId, tenant.ToString()),
                new Claim(VendorRiskClaimTypes.OrganisationKind, OrganisationKind.Hospital.ToString()),
                new Claim(VendorRiskClaimTypes.Role, OrganisationRole.Procurement.ToString()),
                new Claim(VendorRiskClaimTypes.DisplayName, user.DisplayName),
                new Claim(VendorRiskClaimTypes.Session, Guid.NewGuid().ToString("N")),
            ],
            "Test"));
        Services.AddFallbackServiceProvider(scope.ServiceProvider);

        // As in a live circuit: the scope's services see the user through CurrentUser (the
        // request's HttpContext lives in an AsyncLocal that does not outlast this method).
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(http.User);

        // The dialog must open in this renderer's dialog provider, not in the app's.
        Services.AddScoped(sp => new StepUpService(
            sp.GetRequiredService<IDialogService>(),
            scope.ServiceProvider.GetRequiredService<StepUpVerifier>(),
            scope.ServiceProvider.GetRequiredService<CurrentUser>(),
            sp.GetRequiredService<IStringLocalizer<SharedResource>>()));
        var auth = AddAuthorization();
        auth.SetAuthorized(user.Email!);
        auth.SetClaims([.. http.User.Claims]);
        RenderPopoverProvider();
        return new Member(user.Id, tenant, secret!);
    }

    /// <summary>The records the member read this hour, as the guard counts them.</summary>
    private async Task SetRecordsThisHourAsync(Member member, long records)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(member.TenantId);
        db.ExportCounters.Add(new ExportCounter(member.UserId, ExportCounter.HourOf(DateTimeOffset.UtcNow), records));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<long> RecordsThisHourAsync(Member member)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(member.TenantId);
        var hour = ExportCounter.HourOf(DateTimeOffset.UtcNow);
        return await db.ExportCounters.Where(c => c.UserId == member.UserId && c.HourStartUtc == hour).Select(c => c.Records).SingleOrDefaultAsync(Ct);
    }

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    private bool Downloaded(string href) => Navigation.History.Any(h => h.Uri.EndsWith(href, StringComparison.Ordinal) && h.Options.ForceLoad);

    [Fact]
    public async Task Under_the_first_threshold_the_browser_downloads_without_a_dialog_and_nothing_is_counted_on_the_page()
    {
        var member = await SignInMemberAsync();
        var dialogs = Render<MudDialogProvider>();
        var download = Render<GuardedDownload>();

        var started = await download.InvokeAsync(() => download.Instance.StartAsync(Href, "Vendor.Export", 10));

        Assert.True(started);
        Assert.True(Downloaded(Href));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Empty(download.FindAll("[data-testid=export-refusal]"));
        Assert.Equal(0, await RecordsThisHourAsync(member));
    }

    [Fact]
    public async Task Over_the_first_threshold_the_step_up_dialog_opens_and_a_right_code_starts_the_download()
    {
        var member = await SignInMemberAsync();
        await SetRecordsThisHourAsync(member, TenantSecuritySettings.DefaultStepUpThreshold);
        var dialogs = Render<MudDialogProvider>();
        var download = Render<GuardedDownload>();

        var start = download.InvokeAsync(() => download.Instance.StartAsync(Href, "Vendor.Export", 1));

        dialogs.WaitForElement("#step-up-code");
        Assert.False(start.IsCompleted);
        Assert.True(download.Instance.Busy);
        Assert.False(Downloaded(Href));
        dialogs.Find("#step-up-code").Input(new Totp(Base32Encoding.ToBytes(member.Secret)).ComputeTotp(DateTime.UtcNow));
        await dialogs.Find("#step-up-code-form").SubmitAsync();

        Assert.True(await start);
        Assert.True(Downloaded(Href));
        Assert.False(download.Instance.Busy);
        Assert.Empty(download.FindAll("[data-testid=export-refusal]"));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#step-up-code")));
    }

    [Fact]
    public async Task A_declined_step_up_downloads_nothing_and_says_why_on_the_page()
    {
        var member = await SignInMemberAsync();
        await SetRecordsThisHourAsync(member, TenantSecuritySettings.DefaultStepUpThreshold);
        var dialogs = Render<MudDialogProvider>();
        var download = Render<GuardedDownload>();

        var start = download.InvokeAsync(() => download.Instance.StartAsync(Href, "Vendor.Export", 1));
        dialogs.WaitForElement("#step-up-code");
        await dialogs.FindAll(".mud-dialog-actions button").Single().ClickAsync(new());

        Assert.False(await start);
        Assert.False(Downloaded(Href));
        var refusal = download.Find("[data-testid=export-refusal]");
        Assert.Equal("alert", refusal.GetAttribute("role"));
        Assert.StartsWith("Re-authentication required: this would bring the records you read in the last hour to 501, above this organisation's limit of 500.", refusal.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(TenantSecuritySettings.DefaultStepUpThreshold, await RecordsThisHourAsync(member));
    }

    [Fact]
    public async Task Over_the_second_threshold_it_is_refused_without_a_dialog_audited_and_alerted()
    {
        var member = await SignInMemberAsync();
        await SetRecordsThisHourAsync(member, TenantSecuritySettings.DefaultRefusalThreshold);
        var dialogs = Render<MudDialogProvider>();
        var download = Render<GuardedDownload>();

        var started = await download.InvokeAsync(() => download.Instance.DownloadExportAsync(Guid.NewGuid(), 3, excel: true));

        Assert.False(started);
        Assert.DoesNotContain(Navigation.History, h => h.Options.ForceLoad);
        Assert.Empty(dialogs.FindAll("#step-up-code"));
        Assert.StartsWith("Refused:", download.Find("[data-testid=export-refusal]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-error", download.Find("[data-testid=export-refusal]").ClassName ?? string.Empty, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(member.TenantId);
        var alert = await db.SecurityAlerts.SingleAsync(a => a.Kind == SecurityAlertKind.ExportRefused, Ct);
        Assert.Contains(QuestionnaireEndpoints.ExcelSource, alert.Detail, StringComparison.Ordinal);

        // Dismissed, the message goes.
        await download.Find("[data-testid=export-refusal] button").ClickAsync(new());
        Assert.Empty(download.FindAll("[data-testid=export-refusal]"));
    }

    [Fact]
    public async Task A_vendor_list_page_view_counts_its_rows_once_in_the_circuit_not_again_at_prerender()
    {
        var member = await SignInMemberAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(member.TenantId))
        {
            for (var i = 0; i < 3; i++)
            {
                db.Vendors.Add(new VendorRisk.Domain.Vendors.Vendor(member.TenantId, $"Vendor {i}", "FR", null, DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync(Ct);
        }

        // The prerender (static) reads and counts nothing: the circuit will.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerendered = Render<VendorList>();
        Assert.Equal(0, await RecordsThisHourAsync(member));
        Assert.DoesNotContain(prerendered.FindAll("a"), a => a.TextContent.StartsWith("Vendor ", StringComparison.Ordinal));

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var live = Render<VendorList>();
        live.WaitForAssertion(() => Assert.Equal(3, live.FindAll("a").Count(a => a.TextContent.StartsWith("Vendor ", StringComparison.Ordinal))));
        Assert.Equal(3, await RecordsThisHourAsync(member));
    }
}
