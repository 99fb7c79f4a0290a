using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VendorRisk.Domain.Alerts;
using VendorRisk.EndToEndTests.Infrastructure;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed class GuardedDownloadJourneyTests(LiveApp app, Browser browser)
{
    private const string Email = "rssi@chu-demo.example";

    [Fact]
    public async Task Over_the_first_threshold_an_export_asks_for_an_authenticator_code_then_downloads()
    {
        var (userId, tenant, templateId) = await DemoUserAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url($"/questionnaires/{templateId}").ToString());
        await page.SignInAsDemoAsync(Email);
        await page.WaitForInteractiveAsync();

        // The hour's reads already at the hospital's first threshold; taken back afterwards, so
        // the other journeys of this account (same hour, same app) are not asked for a step-up.
        await SetRecordsThisHourAsync(tenant, userId, TenantSecuritySettings.DefaultStepUpThreshold);
        try
        {
            await page.Locator("[data-testid=export-1]").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Confirm it is you" });
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await page.AssertNoSeriousViolationsAsync();

            await dialog.GetByLabel("Authenticator code").FillAsync(DemoAuthenticator.CodeFor(Email));
            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync());

            Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
            var json = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
            Assert.Contains("\"sections\"", json, StringComparison.Ordinal);
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=export-refusal]")).ToHaveCountAsync(0);
        }
        finally
        {
            await SetRecordsThisHourAsync(tenant, userId, 0);
        }
    }

    private async Task<(string UserId, Guid Tenant, Guid TemplateId)> DemoUserAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(Email);
        Assert.NotNull(user);
        await using var system = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();
        var tenant = await system.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id).Select(m => m.TenantId).FirstAsync();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(tenant);
        var template = await db.QuestionnaireTemplates.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        return (user.Id, tenant, template);
    }

    private async Task SetRecordsThisHourAsync(Guid tenant, string userId, long records)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(tenant);
        var hour = ExportCounter.HourOf(DateTimeOffset.UtcNow);
        if (await db.ExportCounters.Where(c => c.UserId == userId && c.HourStartUtc == hour).ExecuteUpdateAsync(s => s.SetProperty(c => c.Records, records)) == 0)
        {
            db.ExportCounters.Add(new ExportCounter(userId, hour, records));
            await db.SaveChangesAsync();
        }
    }
}
