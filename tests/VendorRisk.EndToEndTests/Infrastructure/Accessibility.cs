using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace VendorRisk.EndToEndTests.Infrastructure;

public static class Accessibility
{
    /// <summary>Runs axe (WCAG 2.0/2.1 A and AA rules) and fails on any serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        // An interactive page sets its title when the circuit renders the head: check once it has.
        // The prerendered title is there earlier, but the circuit's head outlet replaces it when it
        // starts, and a scan in between finds no title (seen once in a loaded full run): so on a page
        // with the live layout, first wait for the circuit. Static pages (AccountLayout) have no marker.
        await page.WaitForFunctionAsync("""
            () => {
                const layout = document.querySelector('[data-interactive]');
                return (!layout || layout.getAttribute('data-interactive') === 'true') && document.title.length > 0;
            }
            """);
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        };
        var result = await page.RunAxe(options);
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();

        Assert.True(serious.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join("\n", serious)}");
    }
}
