using System.Text;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed class EvidenceJourneyTests(LiveApp app, Browser browser)
{
    private static readonly byte[] Certificate = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task A_vendor_uploads_a_certificate_with_its_expiry_date_and_is_told_why_a_forged_file_is_refused()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("securite@helios-dpi.example");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Evidence library" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Evidence library");
        await Assertions.Expect(page.GetByText("No malware scanner is configured")).ToBeVisibleAsync();

        // A forged file (an executable named .pdf) is refused with a message that says what to do.
        await page.GetByLabel("Title").FillAsync("Forged certificate");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "certificate.pdf", MimeType = "application/pdf", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This kind of file is not accepted");

        // The circuit survives the refusal: the page re-renders the form around the message instead of Blazor's error UI.
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

        // The real certificate, expiring in a few days, is stored and listed as expiring.
        var expires = DateTime.UtcNow.Date.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Title").FillAsync("ISO 27001 certificate 2026");
        await page.GetByLabel("Issuer").FillAsync("AFNOR Certification");
        await page.GetByLabel("Expires on").FillAsync(expires);
        await page.Keyboard.PressAsync("Escape");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "ISO 27001.pdf", MimeType = "application/pdf", Buffer = Certificate });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ISO 27001 certificate 2026" });
        await Assertions.Expect(row).ToContainTextAsync("ISO 27001.pdf");
        await Assertions.Expect(row).ToContainTextAsync("Not scanned");
        await Assertions.Expect(row).ToContainTextAsync("expires within 30 days");
        await Assertions.Expect(page.GetByText("Expiring documents")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "vendorrisk-evidence-library.png"), FullPage = true });

        // Its page lists the version with a download and a preview.
        await row.GetByRole(AriaRole.Link, new() { Name = "ISO 27001 certificate 2026" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ISO 27001 certificate 2026");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download ISO 27001.pdf" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Preview ISO 27001.pdf in a new tab" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_hospital_is_not_offered_a_vendor_library()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("rssi@chu-demo.example");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Evidence library" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Shared evidence" }).ClickAsync();
        // Whether anything is listed depends on other journeys sharing the live app (the assessment evidence journey shares a certificate).
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Shared evidence");
        await page.AssertNoSeriousViolationsAsync();
    }
}
