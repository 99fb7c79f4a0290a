using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Sessions;

/// <summary>
/// One sign-in session of an account, recorded on the server: the cookie carries its id
/// (<c>vr:sid</c>), and a session that was ended is refused on the next request and in live
/// circuits at the next revalidation.
/// </summary>
[TenantExempt("A sign-in session belongs to an account, which spans organisations; administrators read only the sessions of their own members through SessionService.")]
public sealed class UserSession
{
    public const int UserAgentMaxLength = 512;
    public const int IpAddressMaxLength = 64;
    public const int EndedByMaxLength = 256;
    public const int CountryMaxLength = 2;

    /// <summary>What <see cref="EndedBy"/> says of a session the server ended because it was too old or idle.</summary>
    public const string ExpiredMarker = "(expired)";

    private UserSession()
    {
    }

    public UserSession(string userId, DateTimeOffset startedAtUtc, string? ipAddress, string? userAgent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        UserId = userId;
        StartedAtUtc = startedAtUtc.ToUniversalTime();
        LastSeenAtUtc = StartedAtUtc;
        IpAddress = Truncate(ipAddress, IpAddressMaxLength);
        UserAgent = Truncate(userAgent, UserAgentMaxLength);
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string UserId { get; private set; } = string.Empty;

    public DateTimeOffset StartedAtUtc { get; private set; }

    /// <summary>Last request or circuit revalidation seen, to the minute.</summary>
    public DateTimeOffset LastSeenAtUtc { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>The browser's user agent: the "device" shown to administrators.</summary>
    public string? UserAgent { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 country of the sign-in address, when an IP geolocation database is configured.</summary>
    public string? Country { get; private set; }

    public DateTimeOffset? EndedAtUtc { get; private set; }

    /// <summary>Who ended it (a display name), or null when the user signed out.</summary>
    public string? EndedBy { get; private set; }

    public bool IsLive => EndedAtUtc is null;

    /// <summary>
    /// How often <see cref="LastSeenAtUtc"/> is written at most: activity is recorded to the minute,
    /// so a busy session costs one write a minute, not one per request.
    /// </summary>
    public static TimeSpan ActivityResolution { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Records activity; returns whether <see cref="LastSeenAtUtc"/> moved (at most once per <see cref="ActivityResolution"/>).</summary>
    public bool Touch(DateTimeOffset nowUtc, string? ipAddress)
    {
        if (!IsActivityDue(LastSeenAtUtc, nowUtc))
        {
            return false;
        }

        LastSeenAtUtc = nowUtc.ToUniversalTime();
        IpAddress = StoredIpAddress(ipAddress) ?? IpAddress;
        return true;
    }

    /// <summary>Whether activity at <paramref name="nowUtc"/> should move a "last seen" of <paramref name="lastSeenAtUtc"/>.</summary>
    public static bool IsActivityDue(DateTimeOffset lastSeenAtUtc, DateTimeOffset nowUtc) =>
        nowUtc - lastSeenAtUtc >= ActivityResolution;

    /// <summary>An address as stored (null when empty, cut to <see cref="IpAddressMaxLength"/>).</summary>
    public static string? StoredIpAddress(string? ipAddress) => Truncate(ipAddress, IpAddressMaxLength);

    /// <summary>Sets the country of the sign-in address (upper-case ISO 3166-1 alpha-2); anything else is ignored.</summary>
    public void LocateIn(string? country)
    {
        Country = country is { Length: CountryMaxLength } && country.All(char.IsAsciiLetter) ? country.ToUpperInvariant() : null;
    }

    /// <summary>
    /// Whether the session is past its absolute lifetime (counted from <see cref="StartedAtUtc"/>) or
    /// has been idle longer than <paramref name="idleTimeout"/> (counted from <see cref="LastSeenAtUtc"/>).
    /// </summary>
    public bool HasExpired(DateTimeOffset nowUtc, TimeSpan absoluteLifetime, TimeSpan idleTimeout) =>
        HasExpired(StartedAtUtc, LastSeenAtUtc, nowUtc, absoluteLifetime, idleTimeout);

    /// <summary>The same rule for a session read as its two times only (the per-request check reads nothing else).</summary>
    public static bool HasExpired(DateTimeOffset startedAtUtc, DateTimeOffset lastSeenAtUtc, DateTimeOffset nowUtc, TimeSpan absoluteLifetime, TimeSpan idleTimeout) =>
        nowUtc - startedAtUtc >= absoluteLifetime || nowUtc - lastSeenAtUtc >= idleTimeout;

    public void End(DateTimeOffset nowUtc, string? endedBy)
    {
        if (EndedAtUtc is not null)
        {
            return;
        }

        EndedAtUtc = nowUtc.ToUniversalTime();
        EndedBy = Truncate(endedBy, EndedByMaxLength);
    }

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
