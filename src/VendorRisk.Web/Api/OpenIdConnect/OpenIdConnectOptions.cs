namespace VendorRisk.Web.Api.OpenIdConnect;

/// <summary>Settings of our OpenID Connect server (section <c>OpenIdConnect</c>).</summary>
public sealed class VendorRiskOidcOptions
{
    public const string SectionName = "OpenIdConnect";

    /// <summary>PKCS#12 file of the token-signing certificate; default <c>{DataDirectory}/oidc/signing.pfx</c> (created on first start when absent).</summary>
    public string? SigningCertificatePath { get; set; }

    /// <summary>PKCS#12 file of the token-encryption certificate; default <c>{DataDirectory}/oidc/encryption.pfx</c>.</summary>
    public string? EncryptionCertificatePath { get; set; }

    /// <summary>Password of both PKCS#12 files (empty when none).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Lifetime of access tokens; revocation is checked on every call, this only bounds a stolen token's life.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Calls per minute allowed to one API client.</summary>
    public int ApiCallsPerMinutePerClient { get; set; } = 120;
}
