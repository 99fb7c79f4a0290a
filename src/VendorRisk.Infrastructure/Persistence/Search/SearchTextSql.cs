using System.Globalization;
using System.Text;
using VendorRisk.Domain.Vendors;

namespace VendorRisk.Infrastructure.Persistence.Search;

/// <summary>
/// SQL that fills <see cref="Vendor.SearchText"/> for rows written before the column existed
/// (used once, by the VendorSearch migration of each provider). It approximates
/// <see cref="SearchText.Fold"/> with lower() and replace() for the Latin letters with
/// diacritics that French and European company names use; SQLite's lower() only folds ASCII, so
/// capital accented letters are replaced explicitly. The next save of a vendor stores the exact
/// .NET fold.
/// </summary>
public static class SearchTextSql
{
    private static readonly (string From, string To)[] Replacements = Build();

    /// <summary>An UPDATE of the Vendors rows whose search text is empty; <paramref name="quote"/> quotes an identifier for the provider.</summary>
    public static string BackfillVendors(Func<string, string> quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var expression = $"lower(trim({quote("LegalName")}))";
        foreach (var (from, to) in Replacements)
        {
            expression = $"replace({expression}, '{from}', '{to}')";
        }

        return $"UPDATE {quote("Vendors")} SET {quote("SearchText")} = CASE WHEN {quote("RegistrationNumber")} IS NULL THEN {expression} "
               + $"ELSE {expression} || ' ' || lower({quote("RegistrationNumber")}) END WHERE {quote("SearchText")} = '';";
    }

    private static (string From, string To)[] Build()
    {
        const string letters = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ";
        var list = new List<(string, string)>();
        foreach (var c in letters)
        {
            var plain = SearchText.Fold(c.ToString());
            list.Add((c.ToString(), plain));
            var upper = char.ToUpper(c, CultureInfo.InvariantCulture);
            if (upper != c)
            {
                list.Add((upper.ToString(), plain));
            }
        }

        list.Add(("œ", "oe"));
        list.Add(("Œ", "oe"));
        list.Add(("æ", "ae"));
        list.Add(("Æ", "ae"));
        list.Add(("ß", "ss"));
        return [.. list.Select(p => (p.Item1.Normalize(NormalizationForm.FormC), p.Item2))];
    }
}
