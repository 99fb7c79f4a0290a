using Microsoft.Playwright;
using OtpNet;
using VendorRisk.Infrastructure.Demo;

namespace VendorRisk.EndToEndTests.Infrastructure;

/// <summary>The authenticator app of the demo accounts (their keys are in the README).</summary>
public static class DemoAuthenticator
{
    private static readonly Dictionary<string, long> LastStep = [];

    /// <summary>
    /// A code the app accepts now for a demo account. The app refuses a code whose 30-second step
    /// was already used and accepts one step of clock drift either way (as a phone running a
    /// little fast); so when a test signs the same account in again within the step, this is the
    /// code of the next step (what a phone one step ahead would show). Only a third use within
    /// the same step waits for the clock, as a user would.
    /// </summary>
    public static string CodeFor(string email)
    {
        var secret = Base32Encoding.ToBytes(DemoData.Accounts.Single(a => a.Email == email).TotpSecret);
        lock (LastStep)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var step = now;
            if (LastStep.TryGetValue(email, out var used) && used >= step)
            {
                step = used + 1;
                if (step > now + 1)
                {
                    // Both the current and the next step are used: wait until the next one is current.
                    Thread.Sleep(TimeSpan.FromSeconds(((now + 1) * 30) - DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1));
                    now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
                    step = Math.Max(now, used + 1);
                }
            }

            LastStep[email] = step;
            return new Totp(secret).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
        }
    }

    /// <summary>Signs in through the real forms: e-mail and password, then the authenticator code.</summary>
    public static async Task SignInAsDemoAsync(this IPage page, string email)
    {
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enter your authenticator code");
        await page.GetByLabel("Authentication code").FillAsync(CodeFor(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }
}
