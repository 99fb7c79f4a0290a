using System.Globalization;
using VendorRisk.Domain.Vendors;

namespace VendorRisk.Web.Features.Vendors;

/// <summary>Country names in the reader's language for the ISO codes the register stores.</summary>
public static class VendorCountries
{
    /// <summary>"France (FR)"; the code alone when the platform knows no name for it.</summary>
    public static string Name(string? code)
    {
        if (!CountryCodes.IsAssigned(code))
        {
            return code ?? string.Empty;
        }

        var upper = code!.Trim().ToUpperInvariant();
        try
        {
            return $"{new RegionInfo(upper).DisplayName} ({upper})";
        }
        catch (ArgumentException)
        {
            return upper;
        }
    }
}
