using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;
using VendorRisk.Infrastructure.Demo;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed partial class VendorRegisterJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task Procurement_records_a_vendor_product_and_engagement_and_sees_it_critical_with_its_reasons()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("achats@chu-demo.example");
        await page.WaitForInteractiveAsync();

        // The register, with the demo vendors.
        await page.GetByRole(AriaRole.Link, new() { Name = "Vendors" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vendor register");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = DemoData.EprVendorName })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // A new vendor (France is the default country).
        var name = $"MediBoard Test {Guid.NewGuid():N}"[..22];
        await page.GetByRole(AriaRole.Link, new() { Name = "New vendor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New vendor");
        await page.WaitForInteractiveAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Legal name").FillAsync(name);
        await page.GetByLabel("Registration number").FillAsync("853 124 678 00014");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await page.AssertNoSeriousViolationsAsync();

        // Its product.
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"New product of {name}");
        await page.GetByLabel("Product name").FillAsync("MediBoard EPR");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);

        // The hospital's use of it: 750,000 patients' clinical records, privileged remote access.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Products" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New engagement of MediBoard EPR" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New engagement of MediBoard EPR");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Business owner").FillAsync("Dr Garnier");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Clinical records" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Identity" }).CheckAsync();
        await page.GetByLabel("Patient records held").FillAsync("750000");
        await page.GetByLabel("Patient records held").PressAsync("Tab");
        await ChooseAsync(page, "Vendor access", "Privileged / administrator access");

        // The form already shows the tier and why, before saving.
        var preview = page.Locator(".vr-sticky");
        await Assertions.Expect(preview.Locator(".vr-tier")).ToHaveTextAsync("Critical");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        // The engagement page: Critical, and why, each reason with its points.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"MediBoard EPR by {name}");
        await Assertions.Expect(page.GetByTestId("effective-tier")).ToContainTextAsync("Critical");
        await Assertions.Expect(page.Locator("tr[data-reason='Volume.Over100000']")).ToContainTextAsync("750,000 patient records (more than 100,000)");
        await Assertions.Expect(page.Locator("tr[data-reason='Volume.Over100000']")).ToContainTextAsync("+25");
        await Assertions.Expect(page.Locator("tr[data-reason='Access.Privileged']")).ToContainTextAsync("+25");
        await Assertions.Expect(page.Locator("li[data-reason='Floor.HealthDataAtScaleWithRemoteAccess']"))
            .ToHaveTextAsync(HealthFloor());
        await page.AssertNoSeriousViolationsAsync();

        // Back in the register, the vendor is listed Critical.
        await page.GetByRole(AriaRole.Link, new() { Name = "Vendor register" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search vendors" }).FillAsync(name);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Critical");
    }

    [Fact]
    public async Task The_demo_epr_engagement_flags_the_shared_account_without_mfa()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/Account/Login").ToString());
        await page.SignInAsDemoAsync("rssi@chu-demo.example");
        await page.WaitForInteractiveAsync();
        await page.GotoAsync(app.Url("/vendors").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.EprVendorName }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoData.EprVendorName);
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Privileged access" }).ClickAsync();
        var shared = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "helios-support" });
        await Assertions.Expect(shared).ToContainTextAsync("Shared account");
        await Assertions.Expect(shared).ToContainTextAsync("No MFA");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Contracts" }).ClickAsync();
        await Assertions.Expect(page.GetByText("missing clauses: Breach notification", new() { Exact = false })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.Locator("div.mud-select").Filter(new() { HasText = label }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
    }

    [GeneratedRegex(@"Health data of 750,000 patients \(more than 100,000\)[\s\S]*at least Critical")]
    private static partial Regex HealthFloor();
}
