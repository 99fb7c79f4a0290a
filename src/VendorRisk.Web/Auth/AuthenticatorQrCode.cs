using QRCoder;

namespace VendorRisk.Web.Auth;

/// <summary>The otpauth:// URI and its QR code (SVG, rendered on the server, no script) for authenticator apps.</summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "VendorRisk";

    public static string Uri(string accountName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(accountName)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    public static string Svg(string accountName, string key)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Uri(accountName, key), QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
