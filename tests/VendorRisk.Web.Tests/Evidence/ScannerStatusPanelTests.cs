using Bunit;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Web.Features.Evidence;

namespace VendorRisk.Web.Tests.Evidence;

public sealed class ScannerStatusPanelTests : VendorRiskTestContext
{
    private static readonly DateTimeOffset Checked = new(2026, 11, 28, 19, 30, 5, TimeSpan.Zero);

    private static Dictionary<EvidenceScanStatus, int> Counts(int pending = 0, int infected = 0, int clean = 0, int notScanned = 0) => new()
    {
        [EvidenceScanStatus.Pending] = pending,
        [EvidenceScanStatus.Infected] = infected,
        [EvidenceScanStatus.Clean] = clean,
        [EvidenceScanStatus.NotScanned] = notScanned,
    };

    private IRenderedComponent<ScannerStatusPanel> RenderPanel(ScannerStatus status)
    {
        SignIn(OrganisationRole.Administrator);
        return Render<ScannerStatusPanel>(p => p.Add(c => c.Status, status));
    }

    [Fact]
    public void Without_a_scanner_it_says_files_are_not_scanned_and_shows_no_versions()
    {
        var panel = RenderPanel(new ScannerStatus(false, null, Counts(notScanned: 1234), TimeSpan.FromMinutes(15), Checked));

        Assert.Contains("No malware scanner is configured", panel.Find("[data-testid=scanner-state]").TextContent, StringComparison.Ordinal);
        Assert.Contains("not scanned", panel.Find("[data-testid=scanner-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=scanner-versions]"));
        Assert.Contains("1,234", panel.Find("[data-testid=scanner-count-NotScanned]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reachable_scanner_shows_its_engine_signatures_and_the_counts()
    {
        var probe = new ScannerProbe(true, "1.0.7", 27470, new DateTimeOffset(2026, 11, 28, 8, 35, 2, TimeSpan.Zero), null);
        var panel = RenderPanel(new ScannerStatus(true, probe, Counts(pending: 2, infected: 1, clean: 40), TimeSpan.FromMinutes(15), Checked));

        Assert.Contains("The scanner is reachable.", panel.Find("[data-testid=scanner-state]").TextContent, StringComparison.Ordinal);
        var versions = panel.Find("[data-testid=scanner-versions]").TextContent;
        Assert.Contains("1.0.7", versions, StringComparison.Ordinal);
        Assert.Contains("27470", versions, StringComparison.Ordinal);
        Assert.Contains("2026-11-28 08:35 UTC", versions, StringComparison.Ordinal);
        Assert.Contains("2026-11-28 19:30:05 UTC", versions, StringComparison.Ordinal);
        Assert.Contains("2", panel.Find("[data-testid=scanner-count-Pending]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1", panel.Find("[data-testid=scanner-count-Infected]").TextContent, StringComparison.Ordinal);
        Assert.Contains("40", panel.Find("[data-testid=scanner-count-Clean]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_scanner_says_files_wait_in_quarantine_and_why()
    {
        var probe = new ScannerProbe(false, null, null, null, "The scanner is unreachable (ConnectionRefused).");
        var panel = RenderPanel(new ScannerStatus(true, probe, Counts(pending: 3), TimeSpan.FromMinutes(15), Checked));

        var state = panel.Find("[data-testid=scanner-state]").TextContent;
        Assert.Contains("does not answer", state, StringComparison.Ordinal);
        Assert.Contains("every 15 minutes", state, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", state, StringComparison.Ordinal);
        Assert.Contains("not given by the scanner", panel.Find("[data-testid=scanner-versions]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void In_french_the_panel_is_translated()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr");
        var panel = RenderPanel(new ScannerStatus(false, null, Counts(), TimeSpan.FromMinutes(15), Checked));
        Assert.Contains("Aucun antivirus n'est configuré", panel.Find("[data-testid=scanner-state]").TextContent, StringComparison.Ordinal);
    }
}
