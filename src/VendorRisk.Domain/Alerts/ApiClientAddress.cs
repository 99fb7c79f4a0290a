using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Alerts;

/// <summary>
/// An IP address an API client of the tenant was used from, with the first and last time it was
/// seen: a call from an address not seen for the client within the configured number of days
/// raises <see cref="SecurityAlertKind.ApiClientNewAddress"/>.
/// </summary>
public sealed class ApiClientAddress : TenantOwnedEntity
{
    public const int IpAddressMaxLength = 64;

    private ApiClientAddress()
    {
    }

    public ApiClientAddress(Guid apiClientId, string ipAddress, DateTimeOffset seenAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ipAddress);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipAddress.Length, IpAddressMaxLength);
        ApiClientId = apiClientId;
        IpAddress = ipAddress;
        FirstSeenAtUtc = seenAtUtc.ToUniversalTime();
        LastSeenAtUtc = FirstSeenAtUtc;
    }

    public Guid ApiClientId { get; private set; }

    public string IpAddress { get; private set; } = string.Empty;

    public DateTimeOffset FirstSeenAtUtc { get; private set; }

    public DateTimeOffset LastSeenAtUtc { get; private set; }
}
