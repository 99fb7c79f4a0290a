using System.Collections.Concurrent;
using System.Net;
using MaxMind.Db;

namespace VendorRisk.Infrastructure.Geolocation;

/// <summary>The country of an IP address, for the "sign-in from a new country" alert.</summary>
public interface IIpGeolocation
{
    /// <summary>Whether a country database is configured: without one, country alerts are off.</summary>
    bool IsEnabled { get; }

    /// <summary>ISO 3166-1 alpha-2 code (upper case), or null when unknown, private, loopback or not configured.</summary>
    string? CountryOf(string? ipAddress);
}

/// <summary><c>Security:GeoIp</c>: where the operator put a country database in MaxMind DB format (.mmdb).</summary>
public sealed class GeoIpOptions
{
    public const string SectionName = "Security:GeoIp";

    /// <summary>Path of a country .mmdb file (MaxMind GeoLite2/GeoIP2 Country, DB-IP Country Lite, ip-location-db…); empty: off.</summary>
    public string? CountryDatabasePath { get; set; }
}

/// <summary>No database configured: every address is of unknown country.</summary>
public sealed class NoIpGeolocation : IIpGeolocation
{
    public bool IsEnabled => false;

    public string? CountryOf(string? ipAddress) => null;
}

/// <summary>
/// Reads a country database in MaxMind DB format, loaded once into memory. Understands the MaxMind
/// and DB-IP layout (<c>country.iso_code</c>, falling back to <c>registered_country.iso_code</c>)
/// and the flat ip-location-db layout (<c>country_code</c>). Private, loopback and link-local
/// addresses have no country.
/// </summary>
public sealed class MaxMindCountryDatabase : IIpGeolocation, IDisposable
{
    private readonly Reader _reader;
    private readonly ConcurrentDictionary<string, string?> _cache = new(StringComparer.Ordinal);

    public MaxMindCountryDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Security:GeoIp:CountryDatabasePath names no file: {path}", path);
        }

        _reader = new Reader(path, FileAccessMode.Memory);
    }

    public bool IsEnabled => true;

    public string? CountryOf(string? ipAddress)
    {
        if (string.IsNullOrWhiteSpace(ipAddress) || !IPAddress.TryParse(ipAddress, out var address))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (!IsPublic(address))
        {
            return null;
        }

        if (_cache.Count > 10_000)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(address.ToString(), _ => Lookup(address));
    }

    public void Dispose() => _reader.Dispose();

    private string? Lookup(IPAddress address)
    {
        Dictionary<string, object>? record;
        try
        {
            record = _reader.Find<Dictionary<string, object>>(address);
        }
        catch (InvalidDatabaseException)
        {
            return null;
        }

        if (record is null)
        {
            return null;
        }

        var code = IsoCode(record, "country") ?? IsoCode(record, "registered_country") ?? (record.TryGetValue("country_code", out var flat) ? flat as string : null);
        return code is { Length: 2 } && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : null;
    }

    private static string? IsoCode(Dictionary<string, object> record, string key) =>
        record.TryGetValue(key, out var value) && value is IDictionary<string, object> country && country.TryGetValue("iso_code", out var iso) ? iso as string : null;

    private static bool IsPublic(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 127 || b[0] == 0
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
        }

        return true;
    }
}
