namespace VendorRisk.Domain.Vendors;

/// <summary>
/// The French establishment number (SIRET): 14 digits whose Luhn checksum is valid. The one
/// documented exception is La Poste (SIREN 356 000 000), whose establishments are numbered so that
/// the sum of the digits is a multiple of 5 instead.
/// </summary>
public static class Siret
{
    public const int Length = 14;

    private const string LaPosteSiren = "356000000";

    /// <summary>Removes the spaces, dots and dashes people type between the digit groups.</summary>
    public static string Normalise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Concat(value.Where(c => c is not (' ' or '.' or '-' or '\u00A0')));
    }

    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var digits = Normalise(value);
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (digits.StartsWith(LaPosteSiren, StringComparison.Ordinal))
        {
            return digits.Sum(c => c - '0') % 5 == 0;
        }

        return Luhn.IsValid(digits);
    }
}

/// <summary>The Luhn (mod 10) checksum used by SIREN and SIRET numbers.</summary>
public static class Luhn
{
    public static bool IsValid(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
