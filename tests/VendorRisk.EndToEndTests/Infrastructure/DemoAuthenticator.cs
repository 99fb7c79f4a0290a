using Microsoft.Playwright;
using OtpNet;
using VendorRisk.Infrastructure.Demo;

namespace VendorRisk.EndToEndTests.Infrastructure;

/// <summary>The authenticator app of the demo accounts (their keys are in the README).</summary>
public static class DemoAuthenticator
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStep = new();

    /// <summary>
    /// The current code of a demo account. The app refuses a code whose 30-second step was
    /// already used, so when a test signs the same account in twice we wait for the next step.
    /// </summary>
    /// <param name="email">A demo account.</param>
    /// <param name="aheadIfUsed">
    /// When this step was used, give the next step's code at once, as an authenticator whose clock is
    /// a little fast would (the app accepts one step of drift either way), instead of waiting.
    /// </param>
    public static string CodeFor(string email, bool aheadIfUsed = false)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        if (aheadIfUsed && LastStep.TryGetValue(email, out var last) && last == step)
        {
            LastStep[email] = step + 1;
            return new Totp(Base32Encoding.ToBytes(DemoData.Accounts.Single(a => a.Email == email).TotpSecret)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds((step + 1) * 30).UtcDateTime);
        }

        if (LastStep.TryGetValue(email, out var used) && used >= step)
        {
            Thread.Sleep(TimeSpan.FromSeconds(((used + 1) * 30) - DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1));
            step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        }

        LastStep[email] = step;
        return new Totp(Base32Encoding.ToBytes(DemoData.Accounts.Single(a => a.Email == email).TotpSecret)).ComputeTotp(DateTime.UtcNow);
    }

    /// <summary>Signs in through the real forms: e-mail and password, then the authenticator code.</summary>
    public static async Task SignInAsDemoAsync(this IPage page, string email, bool aheadIfUsed = false)
    {
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enter your authenticator code");
        await page.GetByLabel("Authentication code").FillAsync(CodeFor(email, aheadIfUsed));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }
}
