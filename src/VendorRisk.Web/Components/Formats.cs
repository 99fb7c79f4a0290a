using System.Globalization;

namespace VendorRisk.Web.Components;

/// <summary>How dates are shown: always UTC, in a form no reader can misread (28 Nov 2026).</summary>
public static class Formats
{
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
}
