using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Features.Vendors.Import;

/// <summary>A vendor as the register export writes it.</summary>
public sealed record VendorExportRow(
    string LegalName,
    string CountryCode,
    string? RegistrationNumber,
    string? Website,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    int Products,
    int Engagements,
    RiskTier? HighestTier,
    bool Archived);

/// <summary>
/// Writes the filtered register as CSV or Excel. Headers are the reader's-language labels the
/// import recognises, so an export can be imported elsewhere as it is; every text cell goes
/// through <see cref="SpreadsheetSafe.Neutralise"/> so a vendor named "=HYPERLINK(…)" is text,
/// never a formula, in whatever program opens the file.
/// </summary>
public static class VendorExport
{
    public const int MaxRows = 100_000;

    public static byte[] ToWorkbook(IReadOnlyList<VendorExportRow> rows, IReadOnlyList<string> headers, Func<RiskTier, string> tierName, Func<bool, string> yesNo)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headers);
        var sheet = new List<Dictionary<string, object>>(rows.Count);
        foreach (var row in rows)
        {
            var values = Values(row, tierName, yesNo);
            var line = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                line[headers[i]] = values[i];
            }

            sheet.Add(line);
        }

        if (sheet.Count == 0)
        {
            sheet.Add(headers.ToDictionary(h => h, _ => (object)string.Empty, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "Vendors");
        return stream.ToArray();
    }

    /// <summary>UTF-8 with a BOM (so Excel reads accents), separated by <paramref name="delimiter"/>.</summary>
    public static byte[] ToCsv(IReadOnlyList<VendorExportRow> rows, IReadOnlyList<string> headers, Func<RiskTier, string> tierName, Func<bool, string> yesNo, char delimiter)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headers);
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter.ToString(), NewLine = "\r\n" }))
        {
            foreach (var header in headers)
            {
                csv.WriteField(SpreadsheetSafe.Neutralise(header));
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in Values(row, tierName, yesNo))
                {
                    csv.WriteField(value);
                }

                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    private static string[] Values(VendorExportRow row, Func<RiskTier, string> tierName, Func<bool, string> yesNo) =>
        new[]
        {
            row.LegalName, row.CountryCode, row.RegistrationNumber, row.Website, row.ContactName, row.ContactEmail, row.ContactPhone,
            row.Products.ToString(CultureInfo.InvariantCulture), row.Engagements.ToString(CultureInfo.InvariantCulture),
            row.HighestTier is { } tier ? tierName(tier) : null, yesNo(row.Archived),
        }.Select(v => SpreadsheetSafe.Neutralise(v) ?? string.Empty).ToArray();
}
