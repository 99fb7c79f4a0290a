using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Questionnaires;
using VendorRisk.Web.Features.Questionnaires.Import;

namespace VendorRisk.Benchmarks;

/// <summary>
/// Issue 5's target: a 2,000-question workbook imports in a few seconds. Measured end to end as
/// the app does it — read the uploaded bytes, build the template, save the draft in SQLite — for
/// the export layout (QuestionnaireWorkbook) and for a hospital's own layout through the column
/// mapping.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(2)]
[IterationCount(8)]
public class QuestionnaireImportBenchmarks
{
    public const int Questions = 2_000;

    private BenchmarkApp _app = null!;
    private byte[] _exportLayout = null!;
    private byte[] _ownLayout = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _app = await BenchmarkApp.StartAsync();
        _exportLayout = QuestionnaireWorkbook.Write(Document());
        _ownLayout = OwnLayoutWorkbook();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _app.DisposeAsync();

    [Benchmark(Description = "2,000 questions, export layout: read + save draft")]
    public async Task<Guid?> ExportLayoutAsync()
    {
        await using var scope = _app.ScopeAs(OrganisationRole.Ciso);
        var library = scope.ServiceProvider.GetRequiredService<QuestionnaireLibraryService>();
        await using var file = new MemoryStream(_exportLayout, writable: false);
        var result = await library.ImportExcelAsync(file);
        return result.TemplateId ?? throw new InvalidOperationException(result.Error?.Message);
    }

    [Benchmark(Description = "2,000 questions, own layout: read + map + save draft")]
    public async Task<Guid?> OwnLayoutAsync()
    {
        await using var scope = _app.ScopeAs(OrganisationRole.Ciso);
        var sheet = QuestionnaireMappingImportService.ReadSheet(_ownLayout, null);
        var mapped = QuestionnaireColumnMapper.Map(sheet, new QuestionColumnMapping(QuestionnaireColumnMapper.Guess(sheet.Headers)), new LocalizedText("Benchmark", "Benchmark"));
        var result = await scope.ServiceProvider.GetRequiredService<QuestionnaireMappingImportService>().ImportAsync(mapped);
        return result.TemplateId ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.MessageKey)));
    }

    [Benchmark(Description = "2,000 questions, own layout: read + map only")]
    public int OwnLayoutMapOnly()
    {
        var sheet = QuestionnaireMappingImportService.ReadSheet(_ownLayout, null);
        return QuestionnaireColumnMapper.Map(sheet, new QuestionColumnMapping(QuestionnaireColumnMapper.Guess(sheet.Headers)), new LocalizedText("B", "B")).Rows.Count;
    }

    /// <summary>20 sections of 100 questions of every common type, with options, weights and controls.</summary>
    internal static TemplateDocument Document()
    {
        var sections = Enumerable.Range(1, Questions / 100).Select(s => new SectionDocument(
            $"s{s}",
            new LocalizedText($"Section {s}", $"Section {s}"),
            Questions: Enumerable.Range(1, 100).Select(q => Question(s, q)).ToList())).ToList();
        return new TemplateDocument(TemplateDocument.FormatName, TemplateDocument.CurrentFormatVersion, new LocalizedText("Banc d'essai", "Benchmark"), sections);
    }

    private static QuestionDocument Question(int section, int number)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"q{section}-{number}");
        var text = new LocalizedText($"La question {key} est-elle satisfaite ?", $"Is question {key} satisfied?");
        var controls = new[] { new ControlMappingDocument("nist-csf-2.0", "PR.AA-01") };
        return (number % 4) switch
        {
            0 => new QuestionDocument(key, QuestionType.SingleChoice, text, Weight: 2, Options:
            [
                new OptionDocument("none", new LocalizedText("Aucun", "None"), 0),
                new OptionDocument("some", new LocalizedText("Partiel", "Some"), 50),
                new OptionDocument("all", new LocalizedText("Complet", "All"), 100),
            ], Controls: controls),
            1 => new QuestionDocument(key, QuestionType.YesNo, text, Required: true, Controls: controls),
            2 => new QuestionDocument(key, QuestionType.YesNoPartialNa, text, Weight: 1.5m),
            _ => new QuestionDocument(key, QuestionType.FreeText, text, Weight: 0),
        };
    }

    /// <summary>The same questions in a SIG-like sheet: French headers, section named once, options "label = score".</summary>
    private static byte[] OwnLayoutWorkbook()
    {
        var rows = new List<Dictionary<string, object>>();
        foreach (var section in Document().Sections)
        {
            var first = true;
            foreach (var q in section.Questions!)
            {
                rows.Add(new Dictionary<string, object>
                {
                    ["Domaine"] = first ? section.Title.Fr : string.Empty,
                    ["Réf"] = q.Key,
                    ["Question"] = q.Text.Fr,
                    ["Question text"] = q.Text.En,
                    ["Type de réponse"] = q.Type switch
                    {
                        QuestionType.SingleChoice => "Choix unique",
                        QuestionType.YesNo => "Oui/Non",
                        QuestionType.YesNoPartialNa => "Oui/Non/Partiel/NA",
                        _ => "Texte libre",
                    },
                    ["Réponses possibles"] = q.Options is null ? string.Empty : string.Join("; ", q.Options.Select(o => $"{o.Label.Fr} = {o.Score}")),
                    ["Pondération"] = q.Weight.ToString(CultureInfo.GetCultureInfo("fr-FR")),
                    ["Obligatoire"] = q.Required ? "oui" : "non",
                    ["Référentiel"] = q.Controls is null ? string.Empty : string.Join("; ", q.Controls.Select(c => $"{c.Framework} | {c.Id}")),
                });
                first = false;
            }
        }

        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }
}
