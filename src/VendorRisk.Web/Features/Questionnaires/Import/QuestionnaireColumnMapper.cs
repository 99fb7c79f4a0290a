using System.Globalization;
using System.Text;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Features.Questionnaires.Import;

/// <summary>The questionnaire fields a column of the hospital's own workbook can be mapped to.</summary>
public enum QuestionField
{
    Section,
    Key,
    TextFr,
    TextEn,
    HelpFr,
    HelpEn,
    Type,
    Options,
    Weight,
    Required,
    Critical,
    Controls,
}

/// <summary>
/// A problem found while mapping: row (header = 1, null for the whole file), the file's column
/// header, and a resource key with its arguments, put in the reader's language by the page.
/// </summary>
public sealed record MappingIssue(int? Row, string? Column, string MessageKey, params object[] Arguments);

/// <summary>Which column (zero-based) feeds which field, and what to assume for what no column says.</summary>
public sealed record QuestionColumnMapping(IReadOnlyDictionary<QuestionField, int> Columns, QuestionType DefaultType = QuestionType.YesNoPartialNa);

/// <summary>One mapped question as the preview lists it.</summary>
public sealed record MappedQuestionRow(int Row, string SectionTitle, string Key, QuestionType Type, string Text, decimal Weight, int OptionCount);

/// <summary>
/// The outcome of a mapping: the document to import (null when any row has an error: nothing is
/// imported in part), the rows as understood, the errors, and the questions' keys by row so a
/// publish-time problem can be shown on its row.
/// </summary>
public sealed record MappedQuestionnaire(
    TemplateDocument? Document,
    IReadOnlyList<MappedQuestionRow> Rows,
    IReadOnlyList<MappingIssue> Errors,
    IReadOnlyDictionary<string, int> RowByKey);

/// <summary>
/// Turns a table in the hospital's own layout (a SIG or CAIQ copy, a home-made workbook) into a
/// questionnaire document, through a column mapping chosen by the user. Pure: no database, no
/// culture of the server (numbers accept "1.5" and "1,5"). Rules:
/// <list type="bullet">
/// <item>A blank section cell continues the previous row's section (sheets often name the section
/// once); no section column puts every question in one section.</item>
/// <item>A blank or unmapped key becomes q-{row}; keys are lower-cased, other characters become '-'.</item>
/// <item>A text in one language only is used for both (the editor flags it before publishing).</item>
/// <item>Type cells accept the export's names and everyday words in English and French
/// ("Oui/Non", "Texte libre", "Choix multiple"…); a blank one takes the default type.</item>
/// <item>Options: one per line or separated by ';', each "label = score", "label | score" or
/// "label" with N/A for not applicable; a choice question needs two or more with scores. Yes/no
/// types use their built-in options and ignore the cell.</item>
/// <item>Controls: "framework | id" or "framework: id", one per line or ';'.</item>
/// </list>
/// </summary>
public static class QuestionnaireColumnMapper
{
    public const long MaxBytes = 5L * 1024 * 1024;
    public const int MaxRows = 5_000;
    public const int MaxCellLength = 8_000;
    private const int MaxKeyLength = 64;

    public static TabularLimits Limits { get; } = new(MaxBytes, MaxRows, MaxCellLength);

    private static readonly Dictionary<QuestionField, string[]> HeaderAliases = new()
    {
        [QuestionField.Section] = ["section", "rubrique", "domaine", "domain", "category", "categorie", "chapitre", "chapter", "theme"],
        [QuestionField.Key] = ["key", "cle", "id", "identifiant", "ref", "reference", "questionid", "numero", "no"],
        [QuestionField.TextFr] = ["textfr", "questionfr", "intitulefr", "libellefr", "question", "intitule", "libelle", "texte"],
        [QuestionField.TextEn] = ["texten", "questionen", "questiontext", "text", "englishtext"],
        [QuestionField.HelpFr] = ["helpfr", "aidefr", "aide", "commentaire", "guidance", "notes"],
        [QuestionField.HelpEn] = ["helpen", "help", "guidanceen"],
        [QuestionField.Type] = ["type", "answertype", "typedereponse", "format", "responsetype"],
        [QuestionField.Options] = ["options", "choices", "choix", "reponses", "answers", "responses", "reponsespossibles"],
        [QuestionField.Weight] = ["weight", "poids", "ponderation", "coefficient", "coef"],
        [QuestionField.Required] = ["required", "obligatoire", "mandatory", "requis"],
        [QuestionField.Critical] = ["critical", "critique", "bloquant", "knockout"],
        [QuestionField.Controls] = ["controls", "controles", "mapping", "mappings", "referentiel", "references", "controlids"],
    };

    private static readonly Dictionary<string, QuestionType> TypeWords = BuildTypeWords();

    /// <summary>A first mapping from the headers' names (each field to at most one column, each column to at most one field).</summary>
    public static Dictionary<QuestionField, int> Guess(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var mapping = new Dictionary<QuestionField, int>();
        var used = new HashSet<int>();
        foreach (var (field, aliases) in HeaderAliases)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (!used.Contains(i) && aliases.Contains(Fold(headers[i]), StringComparer.Ordinal))
                {
                    mapping[field] = i;
                    used.Add(i);
                    break;
                }
            }
        }

        return mapping;
    }

    /// <summary>Maps every row; reports progress as the number of rows done and honours cancellation between rows.</summary>
    public static MappedQuestionnaire Map(
        TabularSheet sheet,
        QuestionColumnMapping mapping,
        LocalizedText name,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(name);
        var errors = new List<MappingIssue>();
        if (!mapping.Columns.ContainsKey(QuestionField.TextFr) && !mapping.Columns.ContainsKey(QuestionField.TextEn))
        {
            errors.Add(new MappingIssue(null, null, "QImport_Error_NoTextColumn"));
        }

        foreach (var duplicate in mapping.Columns.GroupBy(c => c.Value).Where(g => g.Count() > 1))
        {
            errors.Add(new MappingIssue(null, Header(sheet, duplicate.Key), "QImport_Error_ColumnTwice"));
        }

        if (errors.Count > 0)
        {
            return new MappedQuestionnaire(null, [], errors, new Dictionary<string, int>());
        }

        var sections = new List<(string Key, string Title, List<QuestionDocument> Questions)>();
        var sectionByTitle = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<MappedQuestionRow>(sheet.Rows.Count);
        string? currentSection = null;
        var done = 0;
        foreach (var row in sheet.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? Cell(QuestionField field) => mapping.Columns.TryGetValue(field, out var index) ? SpreadsheetSafe.Restore(row[index]) : null;
            string Column(QuestionField field) => Header(sheet, mapping.Columns[field]);
            var rowErrors = errors.Count;

            var sectionTitle = Cell(QuestionField.Section) ?? currentSection ?? string.Empty;
            currentSection = sectionTitle;
            var textFr = Cell(QuestionField.TextFr);
            var textEn = Cell(QuestionField.TextEn);
            if (textFr is null && textEn is null)
            {
                errors.Add(new MappingIssue(row.Number, Header(sheet, mapping.Columns.GetValueOrDefault(QuestionField.TextFr, mapping.Columns.GetValueOrDefault(QuestionField.TextEn))), "QImport_Error_NoText"));
            }

            var key = Cell(QuestionField.Key) is { } rawKey ? NormaliseKey(rawKey) : $"q-{row.Number.ToString(CultureInfo.InvariantCulture)}";
            if (key.Length == 0)
            {
                errors.Add(new MappingIssue(row.Number, Column(QuestionField.Key), "QImport_Error_Key"));
            }
            else if (keys.TryGetValue(key, out var firstRow))
            {
                errors.Add(new MappingIssue(row.Number, mapping.Columns.ContainsKey(QuestionField.Key) ? Column(QuestionField.Key) : null, "QImport_Error_DuplicateKey", key, firstRow));
            }
            else
            {
                keys[key] = row.Number;
            }

            var type = mapping.DefaultType;
            if (Cell(QuestionField.Type) is { } typeText)
            {
                if (TypeWords.TryGetValue(Fold(typeText), out var parsed))
                {
                    type = parsed;
                }
                else
                {
                    errors.Add(new MappingIssue(row.Number, Column(QuestionField.Type), "QImport_Error_Type", typeText));
                }
            }

            List<OptionDocument>? options = null;
            if (type is QuestionType.SingleChoice or QuestionType.MultipleChoice)
            {
                options = ParseOptions(Cell(QuestionField.Options), row.Number, mapping.Columns.ContainsKey(QuestionField.Options) ? Column(QuestionField.Options) : null, errors);
            }

            var weight = 1m;
            if (Cell(QuestionField.Weight) is { } weightText)
            {
                if (ParseDecimal(weightText) is { } w && w >= 0)
                {
                    weight = w;
                }
                else
                {
                    errors.Add(new MappingIssue(row.Number, Column(QuestionField.Weight), "QImport_Error_Weight", weightText));
                }
            }

            var required = ParseFlag(Cell(QuestionField.Required), row.Number, QuestionField.Required, mapping, sheet, errors);
            var critical = ParseFlag(Cell(QuestionField.Critical), row.Number, QuestionField.Critical, mapping, sheet, errors);
            var controls = ParseControls(Cell(QuestionField.Controls), row.Number, mapping.Columns.ContainsKey(QuestionField.Controls) ? Column(QuestionField.Controls) : null, errors);

            var text = new LocalizedText(textFr ?? textEn ?? string.Empty, textEn ?? textFr ?? string.Empty);
            var helpFr = Cell(QuestionField.HelpFr);
            var helpEn = Cell(QuestionField.HelpEn);
            var help = helpFr is null && helpEn is null ? null : new LocalizedText(helpFr ?? helpEn!, helpEn ?? helpFr!);

            if (errors.Count == rowErrors)
            {
                if (!sectionByTitle.TryGetValue(sectionTitle, out var sectionIndex))
                {
                    sectionIndex = sections.Count;
                    sectionByTitle[sectionTitle] = sectionIndex;
                    sections.Add((SectionKey(sectionTitle, sectionIndex, keys), sectionTitle, []));
                }

                sections[sectionIndex].Questions.Add(new QuestionDocument(
                    key, type, text, help, required, weight, critical, options,
                    type == QuestionType.Number ? new NumberDocument() : null,
                    type == QuestionType.EvidenceRequest ? new EvidenceDocument([EvidenceType.Other]) : null,
                    null,
                    controls));
                rows.Add(new MappedQuestionRow(row.Number, sectionTitle, key, type, text.Fr.Length > 0 ? text.Fr : text.En, weight, options?.Count ?? 0));
            }

            done++;
            if (done % 100 == 0)
            {
                progress?.Report(done);
            }
        }

        progress?.Report(done);
        if (sheet.Rows.Count == 0)
        {
            errors.Add(new MappingIssue(null, null, "QImport_Error_NoRows"));
        }

        if (errors.Count > 0)
        {
            return new MappedQuestionnaire(null, rows, errors, keys);
        }

        var document = new TemplateDocument(
            TemplateDocument.FormatName,
            TemplateDocument.CurrentFormatVersion,
            name,
            sections.Select(s => new SectionDocument(
                s.Key,
                s.Title.Length == 0 ? new LocalizedText("Questions importées", "Imported questions") : new LocalizedText(s.Title, s.Title),
                Questions: s.Questions)).ToList());
        return new MappedQuestionnaire(document, rows, errors, keys);
    }

    /// <summary>A header folded to lower-case letters and digits ("Poids (%)" → "poids").</summary>
    public static string Fold(string? header)
    {
        var folded = SearchText.Fold(header);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded.Where(char.IsLetterOrDigit))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>"1.5", "1,5" and "1 000,5" alike; null when not a number.</summary>
    public static decimal? ParseDecimal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = text.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal);
        if (compact.Contains(',', StringComparison.Ordinal) && !compact.Contains('.', StringComparison.Ordinal))
        {
            compact = compact.Replace(',', '.');
        }

        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string NormaliseKey(string raw)
    {
        var builder = new StringBuilder();
        foreach (var c in SearchText.Fold(raw))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-');
        }

        var key = builder.ToString().Trim('-', '.', '_');
        return key.Length > MaxKeyLength ? key[..MaxKeyLength] : key;
    }

    private static string SectionKey(string title, int index, Dictionary<string, int> questionKeys)
    {
        var slug = NormaliseKey(title);
        var key = slug.Length == 0 ? "imported" : $"s-{(slug.Length > 50 ? slug[..50].TrimEnd('-') : slug)}";
        return questionKeys.ContainsKey(key) || key == "imported" && index > 0 ? $"{key}-{index.ToString(CultureInfo.InvariantCulture)}" : key;
    }

    private static List<OptionDocument>? ParseOptions(string? cell, int row, string? column, List<MappingIssue> errors)
    {
        var entries = (cell ?? string.Empty).Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length < 2)
        {
            errors.Add(new MappingIssue(row, column, "QImport_Error_Options"));
            return null;
        }

        var options = new List<OptionDocument>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var separator = entry.LastIndexOfAny(['=', '|']);
            var label = separator < 0 ? entry : entry[..separator].Trim();
            var scoreText = separator < 0 ? null : entry[(separator + 1)..].Trim();
            if (label.Length == 0)
            {
                errors.Add(new MappingIssue(row, column, "QImport_Error_OptionScore", entry));
                return null;
            }

            var key = NormaliseKey(label);
            key = key.Length == 0 || !keys.Add(key) ? $"o{(options.Count + 1).ToString(CultureInfo.InvariantCulture)}" : key;
            keys.Add(key);
            if (scoreText is null || scoreText.Equals("N/A", StringComparison.OrdinalIgnoreCase) || scoreText.Equals("NA", StringComparison.OrdinalIgnoreCase))
            {
                if (scoreText is null && !label.Equals("N/A", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(new MappingIssue(row, column, "QImport_Error_OptionScore", entry));
                    return null;
                }

                options.Add(new OptionDocument(key, new LocalizedText(label, label), null, true));
            }
            else if (ParseDecimal(scoreText) is { } score && score is >= 0 and <= 100 && score == decimal.Truncate(score))
            {
                options.Add(new OptionDocument(key, new LocalizedText(label, label), (int)score));
            }
            else
            {
                errors.Add(new MappingIssue(row, column, "QImport_Error_OptionScore", entry));
                return null;
            }
        }

        return options;
    }

    private static List<ControlMappingDocument>? ParseControls(string? cell, int row, string? column, List<MappingIssue> errors)
    {
        if (cell is null)
        {
            return null;
        }

        var controls = new List<ControlMappingDocument>();
        foreach (var entry in cell.Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = entry.IndexOfAny(['|', ':']);
            if (separator <= 0 || separator == entry.Length - 1)
            {
                errors.Add(new MappingIssue(row, column, "QImport_Error_Control", entry));
                return null;
            }

            controls.Add(new ControlMappingDocument(entry[..separator].Trim(), entry[(separator + 1)..].Trim()));
        }

        return controls.Count == 0 ? null : controls;
    }

    private static bool ParseFlag(string? cell, int row, QuestionField field, QuestionColumnMapping mapping, TabularSheet sheet, List<MappingIssue> errors)
    {
        switch (Fold(cell))
        {
            case "" or "no" or "non" or "false" or "faux" or "0" or "n":
                return false;
            case "yes" or "oui" or "true" or "vrai" or "1" or "x" or "y" or "o":
                return true;
            default:
                errors.Add(new MappingIssue(row, Header(sheet, mapping.Columns[field]), "QImport_Error_Flag", cell!));
                return false;
        }
    }

    private static string Header(TabularSheet sheet, int column) =>
        column < sheet.Headers.Count ? $"{sheet.Headers[column]} ({TabularFile.ColumnLetter(column)})" : TabularFile.ColumnLetter(column);

    private static Dictionary<string, QuestionType> BuildTypeWords()
    {
        var words = new Dictionary<QuestionType, string[]>
        {
            [QuestionType.YesNo] = ["yesno", "ouinon", "yn", "boolean", "bool"],
            [QuestionType.YesNoPartialNa] = ["yesnopartialna", "yesnopartial", "ouinonpartiel", "ouinonpartielna", "ouinonpartielsansobjet", "yesnona", "ouinonna"],
            [QuestionType.SingleChoice] = ["singlechoice", "choice", "choixunique", "choix", "list", "liste", "dropdown", "select"],
            [QuestionType.MultipleChoice] = ["multiplechoice", "choixmultiple", "multiselect", "multi", "checkboxes", "casesacocher"],
            [QuestionType.FreeText] = ["freetext", "text", "texte", "textelibre", "comment", "commentaire", "string"],
            [QuestionType.Number] = ["number", "nombre", "numeric", "numerique", "integer", "entier"],
            [QuestionType.Date] = ["date"],
            [QuestionType.EvidenceRequest] = ["evidencerequest", "evidence", "preuve", "piecejustificative", "document", "attachment", "piecejointe"],
        };
        return words.SelectMany(w => w.Value.Select(v => (v, w.Key))).ToDictionary(p => p.v, p => p.Key, StringComparer.Ordinal);
    }
}
