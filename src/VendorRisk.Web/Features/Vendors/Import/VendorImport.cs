using System.Text;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Features.Vendors.Import;

/// <summary>The vendor fields an import file may hold, in the order the export writes them.</summary>
public enum VendorColumn
{
    LegalName,
    Country,
    RegistrationNumber,
    Website,
    ContactName,
    ContactEmail,
    ContactPhone,
}

/// <summary>One problem of an import: the row as the spreadsheet numbers it (header = 1) and the column, when it is about a cell.</summary>
public sealed record ImportIssue(int? Row, string? Column, string Message);

/// <summary>One vendor read from the file, with the row it came from.</summary>
public sealed record VendorImportRow(int Row, string? LegalName, string? CountryCode, string? RegistrationNumber, string? Website, string? ContactName, string? ContactEmail, string? ContactPhone)
{
    public string? Value(VendorColumn column) => column switch
    {
        VendorColumn.LegalName => LegalName,
        VendorColumn.Country => CountryCode,
        VendorColumn.RegistrationNumber => RegistrationNumber,
        VendorColumn.Website => Website,
        VendorColumn.ContactName => ContactName,
        VendorColumn.ContactEmail => ContactEmail,
        VendorColumn.ContactPhone => ContactPhone,
        _ => null,
    };
}

/// <summary>
/// What a file would import: its rows and every problem found. <see cref="CanImport"/> only when
/// there is no problem at all: an import is all or nothing.
/// </summary>
public sealed record VendorImportPreview(
    string FileName,
    IReadOnlyList<VendorImportRow> Rows,
    IReadOnlyList<ImportIssue> Errors,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyDictionary<VendorColumn, string> Headers)
{
    public bool CanImport => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>The outcome of an import: how many vendors were added, or the problems (then nothing was added).</summary>
public sealed record VendorImportResult(bool Imported, int Count, IReadOnlyList<ImportIssue> Errors);

/// <summary>A vendor already in the register, as the duplicate check compares it.</summary>
public sealed record ExistingVendor(string LegalName, string? RegistrationNumber);

/// <summary>
/// Reads vendors from a table (<see cref="TabularFile"/>): headers are recognised in English and
/// French, whatever their case, accents or punctuation ("Raison sociale", "legal_name",
/// "SIRET"…); unknown columns are listed and ignored. The apostrophe the export puts before a
/// formula-like value is taken off.
/// </summary>
public static class VendorImportReader
{
    public const long MaxBytes = 5L * 1024 * 1024;
    public const int MaxRows = 10_000;
    public const int MaxCellLength = 2_000;

    public static TabularLimits Limits { get; } = new(MaxBytes, MaxRows, MaxCellLength);

    private static readonly Dictionary<string, VendorColumn> Aliases = BuildAliases();

    /// <summary>Header → field: exact known names after folding case, accents and punctuation.</summary>
    public static VendorColumn? Recognise(string header)
    {
        var key = HeaderKey(header);
        return Aliases.TryGetValue(key, out var column) ? column : null;
    }

    public static (IReadOnlyList<VendorImportRow> Rows, IReadOnlyDictionary<VendorColumn, int> Columns, IReadOnlyList<string> Ignored) Map(TabularSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var columns = new Dictionary<VendorColumn, int>();
        var ignored = new List<string>();
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            if (Recognise(sheet.Headers[i]) is { } column && columns.TryAdd(column, i))
            {
                continue;
            }

            ignored.Add(sheet.Headers[i]);
        }

        string? Cell(TabularRow row, VendorColumn column) => columns.TryGetValue(column, out var index) ? SpreadsheetSafe.Restore(row[index]) : null;
        var rows = sheet.Rows
            .Select(r => new VendorImportRow(
                r.Number,
                Cell(r, VendorColumn.LegalName),
                Cell(r, VendorColumn.Country)?.ToUpperInvariant(),
                Cell(r, VendorColumn.RegistrationNumber),
                Cell(r, VendorColumn.Website),
                Cell(r, VendorColumn.ContactName),
                Cell(r, VendorColumn.ContactEmail),
                Cell(r, VendorColumn.ContactPhone)))
            .ToList();
        return (rows, columns, ignored);
    }

    /// <summary>A header folded to letters and digits: "Numéro d'immatriculation" → "numerodimmatriculation".</summary>
    public static string HeaderKey(string header)
    {
        var folded = SearchText.Fold(header);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded.Where(char.IsLetterOrDigit))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The key compared for duplicates of registration numbers: digits and letters only, upper case.</summary>
    public static string? RegistrationKey(string? registrationNumber)
    {
        if (string.IsNullOrWhiteSpace(registrationNumber))
        {
            return null;
        }

        var key = HeaderKey(registrationNumber);
        return key.Length == 0 ? null : key;
    }

    private static Dictionary<string, VendorColumn> BuildAliases()
    {
        var aliases = new Dictionary<VendorColumn, string[]>
        {
            [VendorColumn.LegalName] = ["legal_name", "Legal name", "Raison sociale", "Name", "Nom", "Vendor", "Fournisseur", "Company", "Société", "Dénomination"],
            [VendorColumn.Country] = ["country", "Country code", "Pays", "Code pays"],
            [VendorColumn.RegistrationNumber] = ["registration_number", "Registration number", "Numéro d'immatriculation", "Immatriculation", "SIRET", "Registration", "Company number"],
            [VendorColumn.Website] = ["website", "Site web", "Site", "URL", "Web"],
            [VendorColumn.ContactName] = ["security_contact_name", "Contact name", "Nom du contact", "Security contact", "Contact sécurité", "Contact"],
            [VendorColumn.ContactEmail] = ["security_contact_email", "Contact e-mail", "E-mail du contact", "E-mail", "Email", "Courriel", "Mail"],
            [VendorColumn.ContactPhone] = ["security_contact_phone", "Contact phone", "Téléphone du contact", "Téléphone", "Phone", "Tel"],
        };
        var byKey = new Dictionary<string, VendorColumn>(StringComparer.Ordinal);
        foreach (var (column, names) in aliases)
        {
            foreach (var name in names)
            {
                byKey.TryAdd(HeaderKey(name), column);
            }
        }

        return byKey;
    }
}

/// <summary>
/// Checks every row of an import with the register's own rules (<see cref="RegisterValidation"/>),
/// naming the row and column of each problem, and finds duplicates: the same registration number
/// or the same legal name (ignoring case and accents) twice in the file or already in the register.
/// </summary>
public sealed class VendorImportValidator(RegisterValidation validation, IStringLocalizer<SharedResource> l)
{
    public IReadOnlyList<ImportIssue> Validate(
        IReadOnlyList<VendorImportRow> rows,
        IReadOnlyDictionary<VendorColumn, string> headers,
        IReadOnlyCollection<ExistingVendor> existing)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(existing);
        var issues = new List<ImportIssue>();
        foreach (var missing in new[] { VendorColumn.LegalName, VendorColumn.Country }.Where(c => !headers.ContainsKey(c)))
        {
            issues.Add(new ImportIssue(null, null, l["VendorImport_MissingColumn", ColumnLabel(missing), ExpectedHeaders()]));
        }

        if (issues.Count > 0)
        {
            return issues;
        }

        if (rows.Count == 0)
        {
            return [new ImportIssue(null, null, l["VendorImport_NoRows"])];
        }

        var byName = existing.GroupBy(e => SearchText.Fold(e.LegalName), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().LegalName, StringComparer.Ordinal);
        var byRegistration = existing.Where(e => VendorImportReader.RegistrationKey(e.RegistrationNumber) is not null)
            .GroupBy(e => VendorImportReader.RegistrationKey(e.RegistrationNumber)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().LegalName, StringComparer.Ordinal);
        var namesInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var registrationsInFile = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var row in rows)
        {
            void Check(VendorColumn column, string? message)
            {
                if (message is not null)
                {
                    issues.Add(new ImportIssue(row.Row, Header(column), message));
                }
            }

            Check(VendorColumn.LegalName, validation.RequiredText(row.LegalName, Vendor.LegalNameMaxLength, "Vendor_LegalName"));
            Check(VendorColumn.Country, validation.Country(row.CountryCode));
            Check(VendorColumn.RegistrationNumber, validation.RegistrationNumber(row.RegistrationNumber, row.CountryCode));
            Check(VendorColumn.Website, validation.Website(row.Website));
            Check(VendorColumn.ContactName, validation.MaxLength(row.ContactName, Vendor.ContactNameMaxLength, "Vendor_ContactName"));
            Check(VendorColumn.ContactEmail, validation.Email(row.ContactEmail));
            Check(VendorColumn.ContactPhone, validation.Phone(row.ContactPhone));

            var name = SearchText.Fold(row.LegalName);
            if (name.Length > 0)
            {
                if (namesInFile.TryGetValue(name, out var first))
                {
                    Check(VendorColumn.LegalName, l["VendorImport_DuplicateInFile", first]);
                }
                else
                {
                    namesInFile[name] = row.Row;
                    if (byName.TryGetValue(name, out var existingName))
                    {
                        Check(VendorColumn.LegalName, l["VendorImport_DuplicateInRegister", existingName]);
                    }
                }
            }

            if (VendorImportReader.RegistrationKey(row.RegistrationNumber) is { } registration)
            {
                if (registrationsInFile.TryGetValue(registration, out var first))
                {
                    Check(VendorColumn.RegistrationNumber, l["VendorImport_DuplicateInFile", first]);
                }
                else
                {
                    registrationsInFile[registration] = row.Row;
                    if (byRegistration.TryGetValue(registration, out var existingName))
                    {
                        Check(VendorColumn.RegistrationNumber, l["VendorImport_DuplicateRegistration", existingName]);
                    }
                }
            }
        }

        return issues;

        string Header(VendorColumn column) => headers.TryGetValue(column, out var header) ? header : ColumnLabel(column);
    }

    /// <summary>The problem of a file refused as a whole, in the reader's language.</summary>
    public ImportIssue Describe(TabularFileException problem, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(limits);
        return new ImportIssue(problem.Row, problem.Column, problem.Problem switch
        {
            TabularProblem.TooLarge => l["Import_Error_TooLarge", limits.MaxBytes / 1024 / 1024],
            TabularProblem.TooManyRows => l["Import_Error_TooManyRows", limits.MaxRows],
            TabularProblem.CellTooLong => l["Import_Error_CellTooLong", limits.MaxCellLength],
            TabularProblem.NotAWorkbook => l["Import_Error_NotAWorkbook"],
            TabularProblem.ZipBomb => l["Import_Error_ZipBomb", limits.MaxUncompressedBytes / 1024 / 1024],
            TabularProblem.NoHeader => l["Import_Error_NoHeader"],
            TabularProblem.SheetMissing => l["Import_Error_SheetMissing"],
            TabularProblem.MalformedCsv => l["Import_Error_MalformedCsv"],
            TabularProblem.Empty => l["Import_Error_Empty"],
            _ => l["Import_Error_Unreadable"],
        });
    }

    public string ColumnLabel(VendorColumn column) => l[column switch
    {
        VendorColumn.LegalName => "Vendor_LegalName",
        VendorColumn.Country => "Vendor_Country",
        VendorColumn.RegistrationNumber => "Vendor_RegistrationNumber",
        VendorColumn.Website => "Vendor_Website",
        VendorColumn.ContactName => "Vendor_ContactName",
        VendorColumn.ContactEmail => "Vendor_ContactEmail",
        _ => "Vendor_ContactPhone",
    }];

    public string ExpectedHeaders() => string.Join(", ", Enum.GetValues<VendorColumn>().Select(ColumnLabel));
}
