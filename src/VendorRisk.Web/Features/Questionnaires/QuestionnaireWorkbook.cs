using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MiniExcelLibs;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Web.Features.Questionnaires;

/// <summary>
/// A workbook could not be read; <see cref="ImportError"/> names the sheet, row and column at fault
/// (localisable: resource <c>ImportError_{MessageId}</c>; the exception's message is its English text, for logs).
/// </summary>
public sealed class WorkbookImportException : Exception, IQuestionnaireImportFailure
{
    public WorkbookImportException()
        : this(QuestionnaireImportError.Of("WorkbookUnreadable", "The file could not be read as an Excel workbook: {0}", string.Empty))
    {
    }

    public WorkbookImportException(string message)
        : this(message, null!)
    {
    }

    public WorkbookImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        ImportError = QuestionnaireImportError.Of("WorkbookUnreadable", "The file could not be read as an Excel workbook: {0}", message);
    }

    public WorkbookImportException(QuestionnaireImportError error, Exception? innerException = null)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message, innerException)
    {
        ImportError = error;
    }

    public QuestionnaireImportError ImportError { get; }
}

/// <summary>
/// The Excel form of a template version: sheets "Template" (name, description), "Sections" (one row
/// per section, in order) and "Questions" (one row per question, in order). Every cell is text so a
/// round trip is exact; options, score bands and controls are one entry per line in their cell,
/// conditions are the JSON of docs/questionnaire-json.md. Reading is streamed (MiniExcel) and
/// bounded: file size, declared uncompressed size (zip bombs) and number of rows.
/// </summary>
public static class QuestionnaireWorkbook
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const long MaxUncompressedBytes = 100 * 1024 * 1024;
    public const int MaxRows = 5000;

    public const string TemplateSheet = "Template";
    public const string SectionsSheet = "Sections";
    public const string QuestionsSheet = "Questions";

    private static readonly string[] SectionColumns = ["key", "parent", "title_fr", "title_en", "description_fr", "description_en", "visible_when"];

    private static readonly string[] QuestionColumns =
    [
        "section", "key", "type", "text_fr", "text_en", "help_fr", "help_en", "required", "weight", "critical",
        "options", "unit", "min", "max", "score_bands", "evidence_types", "evidence_must_not_be_expired", "visible_when", "controls",
    ];

    public static byte[] Write(TemplateDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sections = new List<Dictionary<string, object>>();
        var questions = new List<Dictionary<string, object>>();
        void AddSection(SectionDocument section, string? parent)
        {
            sections.Add(Row(SectionColumns, section.Key, parent, section.Title.Fr, section.Title.En, section.Description?.Fr, section.Description?.En,
                section.VisibleWhen is null ? null : QuestionnaireJson.SerializeCondition(section.VisibleWhen)));
            foreach (var q in section.Questions ?? [])
            {
                questions.Add(Row(
                    QuestionColumns,
                    section.Key,
                    q.Key,
                    EnumName(q.Type),
                    q.Text.Fr,
                    q.Text.En,
                    q.Help?.Fr,
                    q.Help?.En,
                    Bool(q.Required),
                    q.Weight.ToString(CultureInfo.InvariantCulture),
                    Bool(q.Critical),
                    q.Options is null ? null : string.Join('\n', q.Options.Select(o => $"{o.Key} | {o.Label.Fr} | {o.Label.En} | {(o.NotApplicable == true ? "N/A" : o.Score?.ToString(CultureInfo.InvariantCulture))}")),
                    q.Number?.Unit,
                    q.Number?.Min?.ToString(CultureInfo.InvariantCulture),
                    q.Number?.Max?.ToString(CultureInfo.InvariantCulture),
                    q.Number?.ScoreBands is { } bands ? string.Join('\n', bands.Select(b => $"{Num(b.Min)}..{Num(b.Max)} = {b.Score}")) : null,
                    q.Evidence is null ? null : string.Join(", ", q.Evidence.Types.Select(EnumName)),
                    q.Evidence is null ? null : Bool(q.Evidence.MustNotBeExpired),
                    q.VisibleWhen is null ? null : QuestionnaireJson.SerializeCondition(q.VisibleWhen),
                    q.Controls is null ? null : string.Join('\n', q.Controls.Select(c => $"{c.Framework} | {c.Id}"))));
            }

            foreach (var child in section.Sections ?? [])
            {
                AddSection(child, section.Key);
            }
        }

        foreach (var section in document.Sections)
        {
            AddSection(section, null);
        }

        var template = new List<Dictionary<string, object>>
        {
            Row(["field", "value"], "format", TemplateDocument.FormatName),
            Row(["field", "value"], "format_version", TemplateDocument.CurrentFormatVersion.ToString(CultureInfo.InvariantCulture)),
            Row(["field", "value"], "name_fr", document.Name.Fr),
            Row(["field", "value"], "name_en", document.Name.En),
            Row(["field", "value"], "description_fr", document.Description?.Fr),
            Row(["field", "value"], "description_en", document.Description?.En),
        };
        var sheets = new Dictionary<string, object>
        {
            [TemplateSheet] = template,
            [SectionsSheet] = sections.Count > 0 ? sections : [Row(SectionColumns)],
            [QuestionsSheet] = questions.Count > 0 ? questions : [Row(QuestionColumns)],
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    /// <exception cref="WorkbookImportException">The file is not a readable workbook in this layout; the message says where.</exception>
    public static TemplateDocument Read(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckContainer(file);
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            var names = stream.GetSheetNames();
            foreach (var required in new[] { TemplateSheet, SectionsSheet, QuestionsSheet })
            {
                if (!names.Contains(required))
                {
                    throw Fail("WorkbookMissingSheet", "The workbook has no sheet \"{0}\" (it has: {1}).", required, string.Join(", ", names));
                }
            }

            var template = Rows(file, TemplateSheet, ["field", "value"]).ToDictionary(r => r.Cells["field"] ?? string.Empty, r => r.Cells["value"], StringComparer.Ordinal);
            if (template.GetValueOrDefault("format") != TemplateDocument.FormatName)
            {
                throw Fail("WorkbookWrongFormat", "Sheet {0}: the format is not {1}; export a template from VendorRisk to get the expected layout.", TemplateSheet, TemplateDocument.FormatName);
            }

            var sectionRows = Rows(file, SectionsSheet, SectionColumns).ToList();
            var questionRows = Rows(file, QuestionsSheet, QuestionColumns).ToList();
            var questionsBySection = questionRows.ToLookup(r => Required(r, QuestionsSheet, "section"), StringComparer.Ordinal);
            var sectionKeys = sectionRows.Select(r => Required(r, SectionsSheet, "key")).ToHashSet(StringComparer.Ordinal);
            foreach (var row in questionRows.Where(r => !sectionKeys.Contains(r.Cells["section"]!)))
            {
                throw Cell(row, "section", "WorkbookUnknownSection", "Sheet {0}, row {1}, column {2}: there is no section \"{3}\" in sheet {4}.", row.Cells["section"], SectionsSheet);
            }

            SectionDocument ToSection(SheetRow row, IEnumerable<SheetRow> children)
            {
                var key = row.Cells["key"]!;
                return new SectionDocument(
                    key,
                    new LocalizedText(row.Cells["title_fr"] ?? string.Empty, row.Cells["title_en"] ?? string.Empty),
                    Text(row.Cells["description_fr"], row.Cells["description_en"]),
                    Condition(row, SectionsSheet),
                    questionsBySection[key].Select(ToQuestion).ToList(),
                    children.Select(c => ToSection(c, [])).ToList());
            }

            var top = sectionRows.Where(r => string.IsNullOrWhiteSpace(r.Cells["parent"])).ToList();
            foreach (var child in sectionRows.Where(r => !string.IsNullOrWhiteSpace(r.Cells["parent"]) && !top.Exists(t => t.Cells["key"] == r.Cells["parent"])))
            {
                throw Cell(child, "parent", "WorkbookUnknownParent", "Sheet {0}, row {1}, column {2}: \"{3}\" is not a top-level section listed in this sheet.", child.Cells["parent"]);
            }

            var sections = top.Select(t => ToSection(t, sectionRows.Where(r => r.Cells["parent"] == t.Cells["key"]))).ToList();
            return new TemplateDocument(
                TemplateDocument.FormatName,
                TemplateDocument.CurrentFormatVersion,
                new LocalizedText(template.GetValueOrDefault("name_fr") ?? string.Empty, template.GetValueOrDefault("name_en") ?? string.Empty),
                sections,
                Text(template.GetValueOrDefault("description_fr"), template.GetValueOrDefault("description_en")));
        }
        catch (WorkbookImportException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or FormatException or System.Xml.XmlException or ArgumentException)
        {
            throw new WorkbookImportException(QuestionnaireImportError.Of("WorkbookUnreadable", "The file could not be read as an Excel workbook: {0}", ex.Message), ex);
        }
    }

    private static QuestionDocument ToQuestion(SheetRow row)
    {
        var type = ParseEnum<QuestionType>(row, "type", Required(row, QuestionsSheet, "type"));
        List<OptionDocument>? options = null;
        if (row.Cells["options"] is { Length: > 0 } optionCell)
        {
            options = Lines(optionCell).Select((line, i) =>
            {
                var parts = line.Split('|').Select(p => p.Trim()).ToArray();
                if (parts.Length != 4)
                {
                    throw Cell(row, "options", "WorkbookOptionLine", "Sheet {0}, row {1}, column {2}: line {3} should read \"key | French label | English label | score or N/A\".", i + 1);
                }

                return parts[3].Equals("N/A", StringComparison.OrdinalIgnoreCase)
                    ? new OptionDocument(parts[0], new LocalizedText(parts[1], parts[2]), null, true)
                    : new OptionDocument(parts[0], new LocalizedText(parts[1], parts[2]), (int)ParseNumber(row, "options", parts[3]));
            }).ToList();
        }

        var unit = row.Cells["unit"];
        var min = OptionalNumber(row, "min");
        var max = OptionalNumber(row, "max");
        List<ScoreBandDocument>? bands = row.Cells["score_bands"] is { Length: > 0 } bandCell
            ? Lines(bandCell).Select(line =>
            {
                var halves = line.Split('=');
                var range = halves[0].Split("..");
                if (halves.Length != 2 || range.Length != 2)
                {
                    throw Cell(row, "score_bands", "WorkbookScoreBandLine", "Sheet {0}, row {1}, column {2}: \"{3}\" should read \"min..max = score\" (either bound may be empty).", line);
                }

                return new ScoreBandDocument(
                    (int)ParseNumber(row, "score_bands", halves[1].Trim()),
                    range[0].Trim().Length == 0 ? null : ParseNumber(row, "score_bands", range[0].Trim()),
                    range[1].Trim().Length == 0 ? null : ParseNumber(row, "score_bands", range[1].Trim()));
            }).ToList()
            : null;
        var number = unit is not null || min is not null || max is not null || bands is not null || type == QuestionType.Number
            ? new NumberDocument(unit, min, max, bands)
            : null;
        var evidenceCell = row.Cells["evidence_types"];
        var evidence = evidenceCell is not null || type == QuestionType.EvidenceRequest
            ? new EvidenceDocument(
                (evidenceCell ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => ParseEnum<EvidenceType>(row, "evidence_types", t)).ToList(),
                ParseBool(row, "evidence_must_not_be_expired"))
            : null;
        List<ControlMappingDocument>? controls = row.Cells["controls"] is { Length: > 0 } controlCell
            ? Lines(controlCell).Select(line =>
            {
                var parts = line.Split('|', 2, StringSplitOptions.TrimEntries);
                return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
                    ? new ControlMappingDocument(parts[0], parts[1])
                    : throw Cell(row, "controls", "WorkbookControlLine", "Sheet {0}, row {1}, column {2}: \"{3}\" should read \"framework | control id\" (e.g. nist-csf-2.0 | PR.AA-03).", line);
            }).ToList()
            : null;

        return new QuestionDocument(
            Required(row, QuestionsSheet, "key"),
            type,
            new LocalizedText(row.Cells["text_fr"] ?? string.Empty, row.Cells["text_en"] ?? string.Empty),
            Text(row.Cells["help_fr"], row.Cells["help_en"]),
            ParseBool(row, "required"),
            OptionalNumber(row, "weight") ?? 1m,
            ParseBool(row, "critical"),
            options,
            number,
            evidence,
            Condition(row, QuestionsSheet),
            controls);
    }

    private sealed record SheetRow(string Sheet, int Number, Dictionary<string, string?> Cells);

    /// <summary>Streams a sheet's rows (header row first), refusing unknown columns and more than <see cref="MaxRows"/> rows.</summary>
    private static IEnumerable<SheetRow> Rows(byte[] file, string sheet, string[] columns)
    {
        using var stream = new MemoryStream(file, writable: false);
        var number = 1;
        foreach (IDictionary<string, object?> raw in stream.Query(useHeaderRow: true, sheetName: sheet))
        {
            number++;
            if (number > MaxRows + 1)
            {
                throw Fail("WorkbookTooManyRows", "Sheet {0} has more than {1} rows, the most a questionnaire may have.", sheet, MaxRows);
            }

            var unknown = raw.Keys.Where(k => !string.IsNullOrWhiteSpace(k) && !columns.Contains(k) && !k.StartsWith('_')).ToList();
            if (unknown.Count > 0)
            {
                throw Fail("WorkbookUnknownColumns", "Sheet {0}: unknown column(s) {1}; expected {2}.", sheet, string.Join(", ", unknown), string.Join(", ", columns));
            }

            var cells = columns.ToDictionary(c => c, c => raw.TryGetValue(c, out var v) ? CellText(v) : null, StringComparer.Ordinal);
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return new SheetRow(sheet, number, cells);
        }
    }

    /// <summary>Before any XML is parsed: a real zip (xlsx) whose declared content stays small.</summary>
    private static void CheckContainer(byte[] file)
    {
        if (file.Length == 0)
        {
            throw Fail("WorkbookEmpty", "The file is empty.");
        }

        if (file.Length > MaxBytes)
        {
            throw Fail("WorkbookTooLarge", "The file is larger than {0} MB, the most a questionnaire workbook may be.", MaxBytes / 1024 / 1024);
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUncompressedBytes)
                {
                    throw Fail("WorkbookZipBomb", "The workbook expands to more than {0} MB: it is refused (possible zip bomb).", MaxUncompressedBytes / 1024 / 1024);
                }
            }

            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                throw Fail("WorkbookZipNotXlsx", "The file is a zip archive but not an Excel workbook (.xlsx).");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new WorkbookImportException(QuestionnaireImportError.Of("WorkbookNotXlsx", "The file is not an Excel workbook (.xlsx): it could not be opened as one."), ex);
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s.Replace("\r\n", "\n", StringComparison.Ordinal),
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => Bool(b),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Dictionary<string, object> Row(string[] columns, params string?[] values)
    {
        var row = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            row[columns[i]] = i < values.Length ? values[i] ?? string.Empty : string.Empty;
        }

        return row;
    }

    private static string Required(SheetRow row, string sheet, string column) =>
        row.Cells[column] is { Length: > 0 } value ? value.Trim() : throw Cell(row with { Sheet = sheet }, column, "WorkbookValueRequired", "Sheet {0}, row {1}, column {2}: a value is required.");

    // Import errors: an id (resource ImportError_{id}), the English format for logs, invariant arguments.
    private static WorkbookImportException Fail(string messageId, string format, params object?[] args) =>
        new(QuestionnaireImportError.Of(messageId, format, args));

    /// <summary>An error in one cell: the format's {0}, {1} and {2} are the sheet, the row number and the column; <paramref name="args"/> follow.</summary>
    private static WorkbookImportException Cell(SheetRow row, string column, string messageId, string format, params object?[] args) =>
        Fail(messageId, format, [row.Sheet, row.Number, column, .. args]);

    private static ConditionDocument? Condition(SheetRow row, string sheet)
    {
        if (row.Cells["visible_when"] is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            return QuestionnaireJson.DeserializeCondition(json);
        }
        catch (QuestionnaireImportException ex)
        {
            throw new WorkbookImportException(
                QuestionnaireImportError.Of("WorkbookCondition", "Sheet {0}, row {1}, column {2}: {3}", sheet, row.Number, "visible_when", ex.Message) with { Detail = ex.ImportError },
                ex);
        }
    }

    private static LocalizedText? Text(string? fr, string? en) =>
        string.IsNullOrEmpty(fr) && string.IsNullOrEmpty(en) ? null : new LocalizedText(fr ?? string.Empty, en ?? string.Empty);

    private static string[] Lines(string cell) => cell.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static decimal ParseNumber(SheetRow row, string column, string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Cell(row, column, "WorkbookNotANumber", "Sheet {0}, row {1}, column {2}: \"{3}\" is not a number (use a dot for decimals).", text);

    private static decimal? OptionalNumber(SheetRow row, string column) =>
        row.Cells[column] is { Length: > 0 } text ? ParseNumber(row, column, text.Trim()) : null;

    private static bool ParseBool(SheetRow row, string column) => row.Cells[column]?.Trim().ToUpperInvariant() switch
    {
        null or "" or "NO" or "FALSE" or "0" => false,
        "YES" or "TRUE" or "1" => true,
        var other => throw Cell(row, column, "WorkbookNotYesNo", "Sheet {0}, row {1}, column {2}: \"{3}\" should be yes or no.", other),
    };

    private static T ParseEnum<T>(SheetRow row, string column, string text)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(EnumName(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Cell(row, column, "WorkbookNotOneOf", "Sheet {0}, row {1}, column {2}: \"{3}\" is not one of {4}.", text, string.Join(", ", Enum.GetValues<T>().Select(v => EnumName(v))));
    }

    private static string EnumName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Bool(bool value) => value ? "yes" : "no";

    private static string Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
