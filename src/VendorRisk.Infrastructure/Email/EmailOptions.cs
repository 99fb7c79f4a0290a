namespace VendorRisk.Infrastructure.Email;

/// <summary>The <c>Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>The sender shown to recipients.</summary>
    public string FromAddress { get; set; } = "no-reply@vendorrisk.local";

    public string FromName { get; set; } = "VendorRisk";

    /// <summary>
    /// When set, messages are written as .eml files into this folder instead of being sent
    /// (Development default: <c>{Database:DataDirectory}/mail</c>, shown on the /dev/mail page).
    /// </summary>
    public string? PickupDirectory { get; set; }

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, or <c>None</c> (only for a local relay or tests).</summary>
    public string SmtpSecurity { get; set; } = "StartTls";

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>The public address of the app, used in links inside e-mails (e.g. https://vendorrisk.example.org).</summary>
    public string? PublicBaseUrl { get; set; }
}
