using System.Text;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Questionnaires.Import;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Tests.Tabular;

public sealed class QuestionnaireColumnMapperTests
{
    private static readonly LocalizedText Name = new("Mon questionnaire", "My questionnaire");

    private static TabularSheet Csv(string text) => TabularFile.Read(Encoding.UTF8.GetBytes(text), QuestionnaireColumnMapper.Limits, cancellationToken: TestContext.Current.CancellationToken);

    private static MappedQuestionnaire MapGuessed(TabularSheet sheet, QuestionType defaultType = QuestionType.YesNoPartialNa) =>
        QuestionnaireColumnMapper.Map(sheet, new QuestionColumnMapping(QuestionnaireColumnMapper.Guess(sheet.Headers), defaultType), Name, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void French_and_english_headers_are_guessed_whatever_their_case_and_accents()
    {
        var guess = QuestionnaireColumnMapper.Guess(["Rubrique", "Réf.", "Intitulé", "Question text", "Type de réponse", "Réponses possibles", "Pondération", "Obligatoire", "Critique", "Référentiel", "Unrelated"]);

        Assert.Equal(
            new Dictionary<QuestionField, int>
            {
                [QuestionField.Section] = 0,
                [QuestionField.Key] = 1,
                [QuestionField.TextFr] = 2,
                [QuestionField.TextEn] = 3,
                [QuestionField.Type] = 4,
                [QuestionField.Options] = 5,
                [QuestionField.Weight] = 6,
                [QuestionField.Required] = 7,
                [QuestionField.Critical] = 8,
                [QuestionField.Controls] = 9,
            },
            guess);
    }

    [Fact]
    public void A_sig_like_sheet_becomes_sections_and_questions_with_blank_sections_continuing_the_one_above()
    {
        var sheet = Csv("""
            Rubrique;Réf;Question;Question text;Type;Réponses possibles;Poids;Obligatoire;Critique;Référentiel
            Accès;A.1;Le MFA est-il imposé ?;Is MFA enforced?;oui/non;;2;oui;oui;nist-csf-2.0 | PR.AA-03
            ;A.2;Quel outil de bastion ?;Which bastion?;Choix unique;"Aucun = 0; Maison = 50; Marché = 100";1,5;non;non;
            Journalisation;L.1;Durée de conservation des journaux ?;;Nombre;;;;;
            """);

        var mapped = MapGuessed(sheet);

        Assert.Empty(mapped.Errors);
        var sections = mapped.Document!.Sections;
        Assert.Equal(["Accès", "Journalisation"], sections.Select(s => s.Title.Fr));
        Assert.Equal(["a.1", "a.2"], sections[0].Questions!.Select(q => q.Key));
        var mfa = sections[0].Questions![0];
        Assert.Equal((QuestionType.YesNo, 2m, true, true), (mfa.Type, mfa.Weight, mfa.Required, mfa.Critical));
        Assert.Null(mfa.Options);
        Assert.Equal("PR.AA-03", Assert.Single(mfa.Controls!).Id);
        var bastion = sections[0].Questions![1];
        Assert.Equal(1.5m, bastion.Weight);
        Assert.Equal([0, 50, 100], bastion.Options!.Select(o => o.Score!.Value));
        Assert.Equal("Marché", bastion.Options![2].Label.Fr);
        var logs = Assert.Single(sections[1].Questions!);
        Assert.Equal(QuestionType.Number, logs.Type);
        Assert.Equal(logs.Text.Fr, logs.Text.En);
        Assert.Equal(4, mapped.RowByKey["l.1"]);
    }

    [Fact]
    public void The_document_builds_a_draft_template()
    {
        var mapped = MapGuessed(Csv("Question,Type,Options\nIs MFA enforced?,yes/no,\nWhich tool?,single choice,A = 100; B = 0; N/A\n"));

        var template = QuestionnaireTemplate.FromDocument(mapped.Document!, DateTimeOffset.UnixEpoch);

        Assert.Equal(2, template.Draft!.Questions.Count);
        Assert.Contains(template.Draft.Questions[1].Options, o => o.IsNotApplicable);
    }

    [Fact]
    public void Every_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_built()
    {
        var sheet = Csv("""
            key,question,type,options,weight,required
            k1,First,yes/no,,1,yes
            k1,Duplicate key,yes/no,,1,no
            k3,,yes/no,,1,no
            k4,Bad type,spreadsheet,,1,no
            k5,Bad options,single choice,Only one = 100,1,no
            k6,Bad score,single choice,A = 120; B = 0,1,no
            k7,Bad weight,yes/no,,-1,no
            k8,Bad flag,yes/no,,1,perhaps
            """);

        var mapped = MapGuessed(sheet);

        Assert.Null(mapped.Document);
        Assert.Equal(
            [
                (3, "key (A)", "QImport_Error_DuplicateKey"),
                (4, "question (B)", "QImport_Error_NoText"),
                (5, "type (C)", "QImport_Error_Type"),
                (6, "options (D)", "QImport_Error_Options"),
                (7, "options (D)", "QImport_Error_OptionScore"),
                (8, "weight (E)", "QImport_Error_Weight"),
                (9, "required (F)", "QImport_Error_Flag"),
            ],
            mapped.Errors.Select(e => (e.Row!.Value, e.Column!, e.MessageKey)));
        Assert.Equal(["k1", 2], mapped.Errors[0].Arguments);
    }

    [Theory]
    [InlineData("1,5", 1.5)]
    [InlineData("1.5", 1.5)]
    [InlineData("1 000,25", 1000.25)]
    [InlineData("2", 2)]
    [InlineData("0,0", 0)]
    public void Weights_accept_french_and_english_decimal_separators(string text, double expected) =>
        Assert.Equal((decimal)expected, QuestionnaireColumnMapper.ParseDecimal(text));

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5.2.3")]
    [InlineData("")]
    public void Not_numbers_are_not_weights(string text) => Assert.Null(QuestionnaireColumnMapper.ParseDecimal(text));

    [Fact]
    public void Without_a_text_column_nothing_is_mapped()
    {
        var mapped = QuestionnaireColumnMapper.Map(Csv("a,b\n1,2\n"), new QuestionColumnMapping(new Dictionary<QuestionField, int> { [QuestionField.Key] = 0 }), Name, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("QImport_Error_NoTextColumn", Assert.Single(mapped.Errors).MessageKey);
    }

    [Fact]
    public void One_column_for_two_fields_is_refused()
    {
        var mapping = new Dictionary<QuestionField, int> { [QuestionField.TextFr] = 0, [QuestionField.TextEn] = 0 };

        var mapped = QuestionnaireColumnMapper.Map(Csv("a\n1\n"), new QuestionColumnMapping(mapping), Name, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("QImport_Error_ColumnTwice", Assert.Single(mapped.Errors).MessageKey);
    }

    [Fact]
    public void Missing_keys_come_from_row_numbers_and_unsafe_keys_are_cleaned()
    {
        var mapped = MapGuessed(Csv("Key,Question\n,First\n\"  Contrôle d'accès #1 \",Second\n"));

        Assert.Equal(["q-2", "controle-d-acces--1"], mapped.Document!.Sections.Single().Questions!.Select(q => q.Key));
    }

    [Fact]
    public void Two_thousand_questions_are_mapped_with_progress_reports()
    {
        var rows = string.Concat(Enumerable.Range(1, 2_000).Select(i => $"Section {i / 100},Q{i},Question {i} ?,{(i % 2 == 0 ? "yes/no" : "text")},1\n"));
        var reports = new List<int>();

        var mapped = QuestionnaireColumnMapper.Map(
            Csv("section,key,question,type,weight\n" + rows),
            new QuestionColumnMapping(QuestionnaireColumnMapper.Guess(["section", "key", "question", "type", "weight"])),
            Name,
            new SynchronousProgress(reports.Add), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(mapped.Errors);
        Assert.Equal(2_000, mapped.Document!.Sections.Sum(s => s.Questions!.Count));
        Assert.Equal(21, mapped.Document.Sections.Count);
        Assert.Equal(2_000, reports[^1]);
        Assert.True(reports.Count >= 20);
    }

    [Fact]
    public void Cancelling_stops_the_mapping()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => QuestionnaireColumnMapper.Map(
            Csv("question\nA\n"), new QuestionColumnMapping(new Dictionary<QuestionField, int> { [QuestionField.TextEn] = 0 }), Name, cancellationToken: cancellation.Token));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
