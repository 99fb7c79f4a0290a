namespace VendorRisk.Web;

/// <summary>
/// Marker for the UI strings in <c>Resources/SharedResource.resx</c> (English) and
/// <c>SharedResource.fr.resx</c> (French), generated from <c>tools/strings.py</c>.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>: it must be a type argument.
public sealed class SharedResource
#pragma warning restore CA1052
{
}
