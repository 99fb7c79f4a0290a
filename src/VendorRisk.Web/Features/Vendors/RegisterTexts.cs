using System.Globalization;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Web.Features.Vendors;

/// <summary>Turns the register's codes and flags into the reader's language.</summary>
public static class RegisterTexts
{
    /// <summary>
    /// The resource key of a tier reason: <c>InherentRisk.Data.Clinical</c> becomes
    /// <c>InherentRisk_Data_Clinical</c> (resource names use underscores, as every other key).
    /// </summary>
    public static string ResourceKey(RiskReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.ResourceKey.Replace('.', '_');
    }

    /// <summary>The reason's sentence, its numbers formatted in the reader's culture (750 000 or 750,000).</summary>
    public static string Reason(IStringLocalizer localizer, RiskReason reason)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(reason);
        var arguments = reason.Arguments.Select(a => (object)a.ToString("N0", CultureInfo.CurrentCulture)).ToArray();
        return localizer[ResourceKey(reason), arguments];
    }

    public static string Tier(IStringLocalizer localizer, RiskTier tier)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[$"Tier_{tier}"];
    }

    /// <summary>The individual flags of a flags value, in their declared order.</summary>
    public static IEnumerable<T> Flags<T>(T value)
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(flag => Convert.ToInt64(flag, CultureInfo.InvariantCulture) != 0 && value.HasFlag(flag));

    public static string DataCategories(IStringLocalizer localizer, DataCategories categories)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return string.Join(", ", Flags(categories).Select(c => localizer[$"DataCategory_{c}"].Value));
    }

    public static string Clauses(IStringLocalizer localizer, SecurityClauses clauses)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return string.Join(", ", Flags(clauses).Select(c => localizer[$"Clause_{c}"].Value));
    }

    public static string Date(DateOnly? date) =>
        date is { } value ? value.ToString("d MMM yyyy", CultureInfo.CurrentCulture) : "—";

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
