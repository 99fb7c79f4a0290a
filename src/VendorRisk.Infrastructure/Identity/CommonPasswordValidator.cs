using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace VendorRisk.Infrastructure.Identity;

/// <summary>
/// Refuses passwords that attackers try first: the 44,000 long passwords of the SecLists top
/// million (shipped with the app, see Data/README.md), the user's own e-mail name, and the
/// product's name. Length and PBKDF2 hashing are Identity's own.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string CommonPasswordCode = "CommonPassword";
    public const string PersonalPasswordCode = "PersonalPassword";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    /// <summary>How many passwords the shipped list holds (for tests and diagnostics).</summary>
    public static int Count => CommonPasswords.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lowered = password.ToLowerInvariant();
        if (CommonPasswords.Value.Contains(lowered))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = CommonPasswordCode,
                Description = "This password appears in lists of leaked passwords. Choose another one.",
            }));
        }

        var localPart = user.Email?.Split('@')[0].ToLowerInvariant();
        if ((localPart is { Length: >= 4 } && lowered.Contains(localPart, StringComparison.Ordinal))
            || lowered.Contains("vendorrisk", StringComparison.Ordinal))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = PersonalPasswordCode,
                Description = "The password must not contain your e-mail name or the product's name.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("VendorRisk.CommonPasswords")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
