using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VendorRisk.Web.Api.OpenIdConnect;

/// <summary>
/// The signing and encryption certificates of the OpenID Connect server outside Development and
/// tests: loaded from the configured PKCS#12 files, or — on a single node — created once in the
/// data folder and reused at every start, so tokens survive restarts. Never ephemeral.
/// </summary>
internal static class ServerKeys
{
    public static (X509Certificate2 Signing, X509Certificate2 Encryption) Load(VendorRiskOidcOptions options, string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "oidc");
        var signing = LoadOrCreate(options.SigningCertificatePath ?? Path.Combine(folder, "signing.pfx"), options.CertificatePassword, X509KeyUsageFlags.DigitalSignature, options.SigningCertificatePath is null);
        var encryption = LoadOrCreate(options.EncryptionCertificatePath ?? Path.Combine(folder, "encryption.pfx"), options.CertificatePassword, X509KeyUsageFlags.KeyEncipherment, options.EncryptionCertificatePath is null);
        return (signing, encryption);
    }

    private static X509Certificate2 LoadOrCreate(string path, string? password, X509KeyUsageFlags usage, bool mayCreate)
    {
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }

        if (!mayCreate)
        {
            throw new InvalidOperationException($"The OpenID Connect certificate '{path}' does not exist.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest($"CN=VendorRisk OpenID Connect ({usage})", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
        var bytes = created.Export(X509ContentType.Pkcs12, password);
        File.WriteAllBytes(path, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return X509CertificateLoader.LoadPkcs12(bytes, password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
