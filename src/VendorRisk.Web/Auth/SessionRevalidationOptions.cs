namespace VendorRisk.Web.Auth;

/// <summary>The <c>Security</c> settings for live sessions.</summary>
public sealed class SessionRevalidationOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// How often a session's cookie (security stamp) and every live circuit (user, stamp,
    /// membership, role) are re-checked. One minute by default: the longest a deactivated user or a
    /// removed member keeps working.
    /// </summary>
    public TimeSpan RevalidationInterval
    {
        get => _interval;
        set => _interval = value >= TimeSpan.FromSeconds(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Security:RevalidationInterval must be at least one second.");
    }

    private TimeSpan _interval = TimeSpan.FromMinutes(1);
}
