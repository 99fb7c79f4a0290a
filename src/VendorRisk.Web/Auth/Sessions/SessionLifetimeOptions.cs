namespace VendorRisk.Web.Auth.Sessions;

/// <summary>
/// <c>Security:Sessions</c>: how long a sign-in session may live, enforced on the server on the
/// session row (<see cref="Domain.Sessions.UserSession.HasExpired(DateTimeOffset, TimeSpan, TimeSpan)"/>) at every request and at each
/// revalidation of a live circuit, whatever the cookie says.
/// </summary>
public sealed class SessionLifetimeOptions
{
    public const string SectionName = "Security:Sessions";

    /// <summary>From sign-in, whatever the activity (12 hours by default: one working day and a bit).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Without any request (an open page counts: its circuit revalidates every minute). Two hours by
    /// default; the sliding cookie (8 hours) would otherwise be the only limit, and it lives in the browser.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    internal bool IsValid => AbsoluteLifetime >= TimeSpan.FromMinutes(5) && IdleTimeout >= TimeSpan.FromMinutes(5) && IdleTimeout <= AbsoluteLifetime;
}
