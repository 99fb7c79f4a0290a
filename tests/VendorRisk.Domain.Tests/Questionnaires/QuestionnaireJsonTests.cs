using System.Text;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class QuestionnaireJsonTests
{
    private static QuestionnaireTemplate RichTemplate()
    {
        var template = QuestionnaireTemplate.Create(Text("Rich"), Text("Every feature once"), Now);
        var draft = template.Draft!;
        draft.AddSection("s1", Text("One")).SetDescription(Text("First section"));
        draft.AddSection("s1a", Text("One A"), parentKey: "s1");
        draft.AddSection("s2", Text("Two")).SetVisibleWhen(AnswerCondition.EqualTo("yn", "yes"));

        var yn = draft.AddYesNo("yn", critical: true);
        yn.SetRequired(true);
        yn.SetHelpText(Text("Help"));
        yn.SetOptionScore("no", 10);
        draft.AddQuestion("s1", "ynp", QuestionType.YesNoPartialNa, Text("Partial?")).SetWeight(2.5m);
        draft.AddChoice("multi", QuestionType.MultipleChoice, ("a", 30), ("b", 70), ("na", null));
        var number = draft.AddNumber("hours", 0, 720, new NumberScoreBand(null, 24, 100), new NumberScoreBand(25, null, 0));
        number.SetVisibleWhen(Condition.Any(
            Condition.All(AnswerCondition.OneOf("multi", "a", "b"), AnswerCondition.NotEqualTo("ynp", "no")),
            AnswerCondition.Answered("yn")));
        var evidence = draft.AddQuestion("s1a", "cert", QuestionType.EvidenceRequest, Text("Certificate"));
        evidence.SetEvidenceRequest([EvidenceType.Iso27001Certificate, EvidenceType.HdsCertificate], true);
        evidence.AddControlMapping(new ControlMapping("hds-v2", "EXI 12"));
        draft.AddQuestion("s2", "notes", QuestionType.FreeText, Text("Notes")).SetVisibleWhen(AnswerCondition.AtLeast("hours", 48));
        draft.AddQuestion("s2", "end", QuestionType.Date, Text("End of support")).SetVisibleWhen(AnswerCondition.AtMost("hours", 1.5m));
        return template;
    }

    [Fact]
    public void Export_then_import_then_export_gives_the_identical_document()
    {
        var template = RichTemplate();
        var first = QuestionnaireJson.Serialize(template.ToDocument(template.Draft!));

        var imported = QuestionnaireTemplate.FromDocument(QuestionnaireJson.Deserialize(first), Now);
        var second = QuestionnaireJson.Serialize(imported.ToDocument(imported.Draft!));

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_imported_version_keeps_conditions_scores_and_mappings()
    {
        var template = RichTemplate();
        var json = QuestionnaireJson.Serialize(template.ToDocument(template.Draft!));
        var draft = QuestionnaireTemplate.FromDocument(QuestionnaireJson.Deserialize(json), Now).Draft!;

        Assert.Equal(10, draft.FindQuestion("yn")!.FindOption("no")!.Score);
        Assert.True(draft.FindQuestion("multi")!.FindOption("na")!.IsNotApplicable);
        Assert.Equal(2.5m, draft.FindQuestion("ynp")!.Weight);
        Assert.Equal("s1", draft.FindSection("s1a")!.ParentKey);
        var group = Assert.IsType<ConditionGroup>(draft.FindQuestion("hours")!.VisibleWhen);
        Assert.Equal(ConditionGroupOperator.Or, group.Operator);
        Assert.Equal(3, group.Depth);
        Assert.Contains(new ControlMapping("hds-v2", "EXI 12"), draft.FindQuestion("cert")!.ControlMappings);
        Assert.True(draft.FindQuestion("cert")!.EvidenceMustNotBeExpired);
    }

    [Fact]
    public void The_format_uses_readable_names()
    {
        var template = RichTemplate();
        var json = QuestionnaireJson.Serialize(template.ToDocument(template.Draft!));
        Assert.Contains("\"format\": \"vendorrisk-questionnaire\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"yesNoPartialNa\"", json, StringComparison.Ordinal);
        Assert.Contains("\"operator\": \"anyOf\"", json, StringComparison.Ordinal);
        Assert.Contains("\"notApplicable\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"iso27001Certificate\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Yes_no_options_may_be_omitted_and_get_the_default_scores()
    {
        const string json = """
            {"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},
             "sections":[{"key":"s","title":{"fr":"S","en":"S"},
               "questions":[{"key":"q","type":"yesNo","text":{"fr":"Q ?","en":"Q?"}}]}]}
            """;
        var question = QuestionnaireTemplate.FromDocument(QuestionnaireJson.Deserialize(json), Now).Draft!.FindQuestion("q")!;
        Assert.Equal([("yes", (int?)100), ("no", 0)], question.Options.Select(o => (o.Key, o.Score)));
        Assert.Equal(1m, question.Weight);
    }

    [Theory]
    [InlineData("""{"format":"other","formatVersion":1,"name":{"fr":"N","en":"N"},"sections":[]}""", "JsonWrongFormat", "vendorrisk-questionnaire")]
    [InlineData("""{"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},"sections":[],"extra":1}""", "JsonInvalid", "$.extra")]
    [InlineData("""{"format":"vendorrisk-questionnaire","formatVersion":1,"sections":[]}""", "JsonInvalid", "$")]
    [InlineData("""{"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},"sections":[{"key":"s","title":{"fr":"S","en":"S"},"questions":[{"key":"q","type":3,"text":{"fr":"Q","en":"Q"}}]}]}""", "JsonInvalid", "$.sections[0].questions[0].type")]
    [InlineData("""{"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},"sections":[{"key":"s","title":{"fr":"S","en":"S"},"questions":[{"key":"q","type":"essay","text":{"fr":"Q","en":"Q"}}]}]}""", "JsonInvalid", "$.sections[0].questions[0].type")]
    [InlineData("not json", "JsonInvalid", "$")]
    public void A_malformed_document_is_refused_with_a_clear_message(string json, string expectedId, string expectedFirstArgument)
    {
        var ex = Assert.Throws<QuestionnaireImportException>(() => QuestionnaireJson.Deserialize(json));
        Assert.Equal(expectedId, ex.ImportError.MessageId);
        Assert.Equal(expectedFirstArgument, ex.ImportError.Arguments[0]);
    }

    [Theory]
    [InlineData("""{"key":"yes","label":{"fr":"O","en":"Y"}}""")]
    [InlineData("""{"key":"yes","label":{"fr":"O","en":"Y"},"score":100,"notApplicable":true}""")]
    public void An_option_needs_exactly_a_score_or_not_applicable(string option)
    {
        var json = $$"""
            {"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},
             "sections":[{"key":"s","title":{"fr":"S","en":"S"},
               "questions":[{"key":"q","type":"singleChoice","text":{"fr":"Q","en":"Q"},"options":[{{option}}]}]}]}
            """;
        var document = QuestionnaireJson.Deserialize(json);
        var ex = Assert.Throws<QuestionnaireImportException>(() => QuestionnaireTemplate.FromDocument(document, Now));
        Assert.Equal("QuestionInvalid", ex.ImportError.MessageId);
        Assert.Equal("q", ex.ImportError.Arguments[0]);
        Assert.Equal("OptionScoreOrNotApplicable", ex.ImportError.Detail?.MessageId);
        Assert.Equal(["yes"], ex.ImportError.Detail!.Arguments);
    }

    [Fact]
    public void A_condition_nested_10000_levels_deep_in_json_is_refused_without_crashing()
    {
        var condition = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            condition.Append("{\"all\":[");
        }

        condition.Append("{\"question\":\"a\",\"operator\":\"isAnswered\"}");
        for (var i = 0; i < 10_000; i++)
        {
            condition.Append("]}");
        }

        var json = $$"""
            {"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},
             "sections":[{"key":"s","title":{"fr":"S","en":"S"},
               "questions":[{"key":"q","type":"freeText","text":{"fr":"Q","en":"Q"},"visibleWhen":{{condition}}}]}]}
            """;

        var ex = Assert.Throws<QuestionnaireImportException>(() => QuestionnaireJson.Deserialize(json));
        Assert.Equal("JsonInvalid", ex.ImportError.MessageId);
        Assert.Contains("depth", ex.ImportError.Arguments[^1], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_condition_just_beyond_the_depth_limit_is_refused_on_import()
    {
        var condition = "{\"question\":\"a\",\"operator\":\"isAnswered\"}";
        for (var i = 0; i < Condition.MaxDepth; i++)
        {
            condition = $"{{\"any\":[{condition}]}}";
        }

        var json = $$"""
            {"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},
             "sections":[{"key":"s","title":{"fr":"S","en":"S"},
               "questions":[{"key":"q","type":"freeText","text":{"fr":"Q","en":"Q"},"visibleWhen":{{condition}}}]}]}
            """;

        var document = QuestionnaireJson.Deserialize(json);
        var ex = Assert.Throws<QuestionnaireImportException>(() => QuestionnaireTemplate.FromDocument(document, Now));
        Assert.IsType<ConditionTooDeepException>(ex.InnerException);
        Assert.Equal("ConditionTooDeep", ex.ImportError.Detail?.MessageId);
    }

    [Theory]
    [InlineData("""{"all":[{"question":"a","operator":"isAnswered"}],"question":"b"}""")]
    [InlineData("""{"question":"a","operator":"equals","values":["x"]}""")]
    [InlineData("""{"question":"a","operator":"anyOf","value":"x"}""")]
    [InlineData("""{"question":"a"}""")]
    [InlineData("""{}""")]
    public void An_ambiguous_condition_is_refused(string condition)
    {
        var json = $$"""
            {"format":"vendorrisk-questionnaire","formatVersion":1,"name":{"fr":"N","en":"N"},
             "sections":[{"key":"s","title":{"fr":"S","en":"S"},
               "questions":[{"key":"q","type":"freeText","text":{"fr":"Q","en":"Q"},"visibleWhen":{{condition}}}]}]}
            """;
        var document = QuestionnaireJson.Deserialize(json);
        Assert.Throws<QuestionnaireImportException>(() => QuestionnaireTemplate.FromDocument(document, Now));
    }
}
