using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

/// <summary>
/// Procurement launches the quick triage for Helios; the vendor answers, uploads its certificate
/// into its library from the evidence request and submits; the CISO sees the attached file,
/// downloads it through the audited endpoint and raises a finding. Axe on every page.
/// </summary>
[Collection(LiveAppAndBrowser.Name)]
public sealed partial class AssessmentEvidenceJourneyTests(LiveApp app, Browser browser)
{
    private static readonly byte[] Certificate = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static string Shot(string name) => Path.Combine(Path.GetTempPath(), $"vendorrisk-assessment-evidence-{name}.png");

    [Fact]
    public async Task Procurement_launches_the_vendor_attaches_a_certificate_and_submits_and_the_ciso_downloads_it_and_raises_a_finding()
    {
        // Procurement launches the quick triage for the Helios engagement.
        var procurement = await browser.NewPageAsync();
        await procurement.GotoAsync(app.Url("/Account/Login").ToString());
        await procurement.SignInAsDemoAsync("achats@chu-demo.example");
        await procurement.WaitForInteractiveAsync();
        await procurement.GotoAsync(app.Url("/assessments/new").ToString());
        await procurement.WaitForInteractiveAsync();
        await procurement.GetByLabel("Engagements").ClickAsync();
        await procurement.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Helios" }).First.ClickAsync();
        await procurement.Mouse.ClickAsync(1200, 700);
        await Assertions.Expect(procurement.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await procurement.GetByLabel("Questionnaire").ClickAsync();
        await procurement.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "triage" }).First.ClickAsync();
        await procurement.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("helios-dpi", RegexOptions.IgnoreCase) }).First.CheckAsync();
        await procurement.AssertNoSeriousViolationsAsync();
        await procurement.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await procurement.WaitForURLAsync(AssessmentUrl());
        var id = AssessmentUrl().Match(procurement.Url).Groups[1].Value;
        await procurement.CloseAsync();

        // The vendor answers every required question and attaches its certificate by uploading it.
        var vendor = await browser.NewPageAsync();
        await vendor.GotoAsync(app.Url("/Account/Login").ToString());
        await vendor.SignInAsDemoAsync("securite@helios-dpi.example");
        await vendor.WaitForInteractiveAsync();
        await vendor.GotoAsync(app.Url($"/portal/assessments/{id}").ToString());
        await vendor.WaitForInteractiveAsync();

        await ChooseAsync(vendor, "tri-patient-data", "Yes");
        await vendor.Locator("[data-question=tri-certifications]").GetByText("ISO/IEC 27001", new() { Exact = true }).ClickAsync();
        await SavedAsync(vendor, "tri-certifications");
        foreach (var key in new[] { "tri-encryption", "tri-patching", "tri-pentest", "tri-mfa", "tri-named-accounts", "tri-dormant", "tri-export-alerts", "tri-backups", "tri-subprocessors", "tri-hds-hosting" })
        {
            await ChooseAsync(vendor, key, "Yes");
        }

        await vendor.Locator("[data-question=tri-notification-hours] input").FillAsync("24");
        await SavedAsync(vendor, "tri-notification-hours");
        await vendor.Locator("[data-question=tri-contact] textarea").First.FillAsync("RSSI, +33 1 23 45 67 89, securite@helios-dpi.example");
        await SavedAsync(vendor, "tri-contact");

        // Submit is blocked while the certificate is missing, with a link to the question.
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Submit the answers" }).ClickAsync();
        await Assertions.Expect(vendor.GetByTestId("missing-list").First).ToContainTextAsync("Attach the main current certificate.");

        var evidence = vendor.Locator("[data-question=tri-certificate]");
        await evidence.GetByRole(AriaRole.Button, new() { Name = "Upload a new document" }).ClickAsync();
        await evidence.GetByLabel("Title").FillAsync("ISO 27001 certificate Helios");
        var file = Path.Combine(Path.GetTempPath(), $"iso-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, Certificate, TestContext.Current.CancellationToken);
        await vendor.UploadWhenReadyAsync("#evidence-file-tri-certificate", file);
        await evidence.GetByRole(AriaRole.Button, new() { Name = "Upload and attach" }).ClickAsync();
        await Assertions.Expect(evidence.GetByTestId("attached-evidence")).ToContainTextAsync("ISO 27001 certificate Helios");
        await Assertions.Expect(evidence.GetByRole(AriaRole.Link, new() { Name = $"Download {Path.GetFileName(file)}" })).ToBeVisibleAsync();
        await vendor.ScreenshotAsync(new() { Path = Shot("portal"), FullPage = true });
        await vendor.AssertNoSeriousViolationsAsync();

        await vendor.GetByRole(AriaRole.Button, new() { Name = "Submit the answers" }).ClickAsync();
        await Assertions.Expect(vendor.GetByText("Submitted. The hospital will review your answers.")).ToBeVisibleAsync();
        await vendor.CloseAsync();

        // The CISO sees the attached document, downloads it, and raises a finding on it.
        var ciso = await browser.NewPageAsync();
        await ciso.GotoAsync(app.Url("/Account/Login").ToString());
        await ciso.SignInAsDemoAsync("rssi@chu-demo.example");
        await ciso.WaitForInteractiveAsync();
        await ciso.GotoAsync(app.Url($"/assessments/{id}").ToString());
        await ciso.WaitForInteractiveAsync();
        var row = ciso.Locator("#q-tri-certificate");
        await Assertions.Expect(row.GetByTestId("review-evidence")).ToContainTextAsync("ISO 27001 certificate Helios");
        var download = row.GetByRole(AriaRole.Link, new() { Name = $"Download {Path.GetFileName(file)}" });
        var href = await download.GetAttributeAsync("href");
        var response = await ciso.Context.APIRequest.GetAsync(app.Url(href!).ToString());
        Assert.Equal(200, response.Status);
        Assert.Equal(Certificate, await response.BodyAsync());
        await ciso.AssertNoSeriousViolationsAsync();
        await ciso.ScreenshotAsync(new() { Path = Shot("review"), FullPage = true });

        await row.GetByRole(AriaRole.Button, new() { Name = "Raise a finding on: Attach the main current certificate." }).ClickAsync();
        await ciso.GetByRole(AriaRole.Button, new() { Name = "Raise the finding" }).ClickAsync();
        await Assertions.Expect(ciso.GetByText("Finding raised.")).ToBeVisibleAsync();
        await Assertions.Expect(ciso.Locator("#q-tri-certificate")).ToContainTextAsync("Finding");
        await ciso.AssertNoSeriousViolationsAsync();
        await ciso.ScreenshotAsync(new() { Path = Shot("finding"), FullPage = true });
        File.Delete(file);
    }

    private static async Task ChooseAsync(IPage page, string questionKey, string option)
    {
        await page.Locator($"[data-question={questionKey}]").GetByText(option, new() { Exact = true }).First.ClickAsync();
        await SavedAsync(page, questionKey);
    }

    private static Task SavedAsync(IPage page, string questionKey) =>
        Assertions.Expect(page.Locator($"[data-question={questionKey}] .vr-save-state")).ToHaveAttributeAsync("data-state", "Saved", new() { Timeout = 15_000 });

    [GeneratedRegex("/assessments/([0-9a-f-]{36})$")]
    private static partial Regex AssessmentUrl();
}
