using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace VendorRisk.Web.Tabular;

/// <summary>Why a file could not be read as a table at all (before any row is looked at).</summary>
public enum TabularProblem
{
    Empty,
    TooLarge,
    TooManyRows,
    CellTooLong,
    NotAWorkbook,
    ZipBomb,
    NoHeader,
    SheetMissing,
    MalformedCsv,
    Unreadable,
}

/// <summary>A file refused as a whole; <see cref="Row"/> and <see cref="Column"/> say where when it is about one cell.</summary>
public sealed class TabularFileException : Exception
{
    public TabularFileException()
    {
    }

    public TabularFileException(string message)
        : base(message)
    {
    }

    public TabularFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TabularFileException(TabularProblem problem, int? row = null, string? column = null, Exception? innerException = null)
        : base($"{problem} (row {row?.ToString(CultureInfo.InvariantCulture) ?? "-"}, column {column ?? "-"})", innerException)
    {
        Problem = problem;
        Row = row;
        Column = column;
    }

    public TabularProblem Problem { get; }

    public int? Row { get; }

    public string? Column { get; }
}

/// <summary>The bounds a read enforces: bytes of the file, data rows, characters in one cell.</summary>
public sealed record TabularLimits(long MaxBytes, int MaxRows, int MaxCellLength)
{
    /// <summary>Declared uncompressed size of a workbook's parts: more is treated as a zip bomb.</summary>
    public long MaxUncompressedBytes { get; init; } = 100L * 1024 * 1024;
}

/// <summary>A data row: its number as a spreadsheet shows it (the header is row 1) and its cells, one per header.</summary>
public sealed record TabularRow(int Number, IReadOnlyList<string?> Cells)
{
    public string? this[int column] => column >= 0 && column < Cells.Count ? Cells[column] : null;
}

/// <summary>A table read from a file: the header row, the non-empty data rows, and the workbook's sheets (none for CSV).</summary>
public sealed record TabularSheet(IReadOnlyList<string> Headers, IReadOnlyList<TabularRow> Rows, IReadOnlyList<string> SheetNames, string? SheetName, char? Delimiter);

/// <summary>
/// Reads an uploaded CSV or Excel (.xlsx) file into a header and rows of text, bounded by
/// <see cref="TabularLimits"/> and never trusting the content: the kind of file is decided by its
/// bytes (a zip container is a workbook, anything else CSV), a workbook's declared uncompressed
/// size is checked before any XML is parsed (zip bombs), rows are streamed and the read stops at
/// the first row over the limit. CSV: UTF-8 with or without BOM, or Windows-1252 when the bytes
/// are not UTF-8 (Excel's "CSV" in France); comma, semicolon or tab separator, detected from the
/// header line. Formulas are never evaluated: a workbook gives the values Excel stored.
/// </summary>
public static class TabularFile
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsWorkbook(ReadOnlySpan<byte> file) => file.StartsWith(ZipMagic);

    /// <exception cref="TabularFileException">The file cannot be read as a table within the limits.</exception>
    public static TabularSheet Read(byte[] file, TabularLimits limits, string? sheetName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(limits);
        if (file.Length == 0)
        {
            throw new TabularFileException(TabularProblem.Empty);
        }

        if (file.Length > limits.MaxBytes)
        {
            throw new TabularFileException(TabularProblem.TooLarge);
        }

        return IsWorkbook(file) ? ReadWorkbook(file, limits, sheetName, cancellationToken) : ReadCsv(file, limits, cancellationToken);
    }

    /// <summary>Reads a stream of at most <paramref name="maxBytes"/> bytes, refusing a longer one without reading it all.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new TabularFileException(TabularProblem.TooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The column letter(s) Excel shows for a zero-based column index (0 → A, 27 → AB).</summary>
    public static string ColumnLetter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static TabularSheet ReadWorkbook(byte[] file, TabularLimits limits, string? sheetName, CancellationToken cancellationToken)
    {
        CheckContainer(file, limits);
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            var names = stream.GetSheetNames();
            if (names.Count == 0)
            {
                throw new TabularFileException(TabularProblem.NoHeader);
            }

            var sheet = sheetName ?? names[0];
            if (!names.Contains(sheet))
            {
                throw new TabularFileException(TabularProblem.SheetMissing);
            }

            stream.Position = 0;
            var configuration = new OpenXmlConfiguration { FillMergedCells = true };
            List<string>? headers = null;
            var rows = new List<TabularRow>();
            var number = 0;
            foreach (IDictionary<string, object?> raw in stream.Query(useHeaderRow: false, sheetName: sheet, configuration: configuration))
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                var cells = raw.Values.Select(CellText).ToList();
                if (headers is null)
                {
                    if (cells.All(string.IsNullOrWhiteSpace))
                    {
                        continue;
                    }

                    headers = Headers(cells, number, limits);
                    continue;
                }

                AddRow(rows, number, cells, headers, limits);
            }

            return headers is null
                ? throw new TabularFileException(TabularProblem.NoHeader)
                : new TabularSheet(headers, rows, names, sheet, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or FormatException or System.Xml.XmlException or ArgumentException or InvalidCastException)
        {
            throw new TabularFileException(TabularProblem.Unreadable, innerException: ex);
        }
    }

    private static TabularSheet ReadCsv(byte[] file, TabularLimits limits, CancellationToken cancellationToken)
    {
        var text = Decode(file);
        var delimiter = DetectDelimiter(text);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            TrimOptions = TrimOptions.None,
            IgnoreBlankLines = false,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        List<string>? headers = null;
        var rows = new List<TabularRow>();
        var number = 0;
        try
        {
            while (parser.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                var cells = (parser.Record ?? []).Select(c => c.Length == 0 ? null : c.Replace("\r\n", "\n", StringComparison.Ordinal)).ToList();
                if (headers is null)
                {
                    if (cells.All(string.IsNullOrWhiteSpace))
                    {
                        continue;
                    }

                    headers = Headers(cells, number, limits);
                    continue;
                }

                AddRow(rows, number, cells, headers, limits);
            }
        }
        catch (CsvHelperException ex)
        {
            throw new TabularFileException(TabularProblem.MalformedCsv, number + 1, innerException: ex);
        }

        return headers is null
            ? throw new TabularFileException(TabularProblem.NoHeader)
            : new TabularSheet(headers, rows, [], null, delimiter);
    }

    private static List<string> Headers(List<string?> cells, int number, TabularLimits limits)
    {
        var last = cells.FindLastIndex(c => !string.IsNullOrWhiteSpace(c));
        var headers = cells.Take(last + 1).Select((c, i) => string.IsNullOrWhiteSpace(c) ? ColumnLetter(i) : c.Trim()).ToList();
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length > limits.MaxCellLength)
            {
                throw new TabularFileException(TabularProblem.CellTooLong, number, ColumnLetter(i));
            }
        }

        return headers;
    }

    private static void AddRow(List<TabularRow> rows, int number, List<string?> cells, List<string> headers, TabularLimits limits)
    {
        if (cells.All(string.IsNullOrWhiteSpace))
        {
            return;
        }

        if (rows.Count >= limits.MaxRows)
        {
            throw new TabularFileException(TabularProblem.TooManyRows, number);
        }

        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is { } cell && cell.Length > limits.MaxCellLength)
            {
                throw new TabularFileException(TabularProblem.CellTooLong, number, i < headers.Count ? headers[i] : ColumnLetter(i));
            }
        }

        var fitted = new string?[headers.Count];
        for (var i = 0; i < fitted.Length && i < cells.Count; i++)
        {
            fitted[i] = string.IsNullOrWhiteSpace(cells[i]) ? null : cells[i]!.Trim();
        }

        rows.Add(new TabularRow(number, fitted));
    }

    private static string Decode(byte[] file)
    {
        ReadOnlySpan<byte> bytes = file;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>The separator that occurs most, outside quotes, on the first non-empty line (comma when none does).</summary>
    private static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        var seenContent = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                if (seenContent)
                {
                    break;
                }
            }
            else if (!quoted)
            {
                seenContent |= !char.IsWhiteSpace(c);
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    /// <summary>Before any XML is parsed: a real zip (xlsx) whose declared content stays small.</summary>
    private static void CheckContainer(byte[] file, TabularLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxUncompressedBytes)
                {
                    throw new TabularFileException(TabularProblem.ZipBomb);
                }
            }

            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
            {
                throw new TabularFileException(TabularProblem.NotAWorkbook);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new TabularFileException(TabularProblem.NotAWorkbook, innerException: ex);
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s.Replace("\r\n", "\n", StringComparison.Ordinal),
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>
/// Cells a spreadsheet would treat as a formula when the file is opened (CSV or xlsx re-saved as
/// CSV) are prefixed with an apostrophe, as OWASP recommends against CSV/formula injection; an
/// import takes the apostrophe off again, so an export can be imported back unchanged.
/// </summary>
public static class SpreadsheetSafe
{
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && IsFormulaStart(value[0]) ? "'" + value : value;

    public static string? Restore(string? value) =>
        value is { Length: > 1 } && value[0] == '\'' && IsFormulaStart(value[1]) ? value[1..] : value;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '＝' or '＋' or '－' or '＠';
}
