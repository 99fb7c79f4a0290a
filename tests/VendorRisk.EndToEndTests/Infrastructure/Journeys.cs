using Microsoft.Playwright;

namespace VendorRisk.EndToEndTests.Infrastructure;

public static class Journeys
{
    /// <summary>Signs a demo user in from the login page the browser is on, authenticator code included.</summary>
    public static Task SignInAsync(this IPage page, string email) => page.SignInAsDemoAsync(email);

    /// <summary>
    /// Chooses a file in a Blazor file input once the circuit has wired it up (its JavaScript
    /// marks the element); a file set earlier would never reach the server.
    /// </summary>
    public static async Task UploadWhenReadyAsync(this IPage page, string selector, string path)
    {
        await page.WaitForFunctionAsync("s => document.querySelector(s)?._blazorInputFileNextFileId !== undefined", selector);
        await page.Locator(selector).SetInputFilesAsync(path);
    }

    /// <summary>Picks an item of an open MudSelect (items render in the popover layer).</summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(item, new() { Exact = true }).ClickAsync();
    }
}
