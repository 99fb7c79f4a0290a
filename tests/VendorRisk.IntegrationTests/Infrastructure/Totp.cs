using OtpNet;

namespace VendorRisk.IntegrationTests.Infrastructure;

/// <summary>What an authenticator app shows for a key (RFC 6238, via Otp.NET).</summary>
public static class Totp
{
    public static string CodeFor(string base32Secret, DateTime? atUtc = null) =>
        new OtpNet.Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(atUtc ?? DateTime.UtcNow);
}
