using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

/// <summary>The stored form of a version (its <see cref="TemplateVersion.Content"/>) and editing a question through its document.</summary>
public sealed class VersionContentTests
{
    [Fact]
    public void Content_of_a_published_version_reloads_identically_and_the_version_stays_immutable()
    {
        var template = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(BuiltInTemplate.ClinicalSoftwareBaselineKey), Now);
        var published = template.PublishDraft(ControlCatalogue.Default, Now);
        var content = published.Content;

        // What the database does when it materialises a row: status first or content first.
        var reloaded = (TemplateVersion)Activator.CreateInstance(typeof(TemplateVersion), nonPublic: true)!;
        typeof(TemplateVersion).GetProperty(nameof(TemplateVersion.Status))!.SetValue(reloaded, TemplateVersionStatus.Published);
        typeof(TemplateVersion).GetProperty(nameof(TemplateVersion.Content))!.SetValue(reloaded, content);

        Assert.Equal(content, reloaded.Content);
        Assert.Equal(published.Questions.Count, reloaded.Questions.Count);
        Assert.Throws<PublishedVersionImmutableException>(() => reloaded.AddSection("late", Text("Late")));
        Assert.Throws<PublishedVersionImmutableException>(() => reloaded.Questions[0].SetWeight(9));
    }

    [Fact]
    public void Content_is_compact_json_holding_only_the_sections()
    {
        var draft = NewDraft();
        draft.AddYesNo("mfa");
        Assert.StartsWith("{\"sections\":[{\"key\":\"s1\"", draft.Content, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', draft.Content);
    }

    [Fact]
    public void Apply_replaces_every_editable_property_of_a_question()
    {
        var draft = NewDraft();
        draft.AddYesNo("remote");
        var question = draft.AddYesNo("mfa");
        var edited = QuestionnaireJson.ToDocument(question) with
        {
            Type = QuestionType.YesNoPartialNa,
            Text = Text("Is MFA enforced?"),
            Required = true,
            Weight = 3,
            Critical = true,
            VisibleWhen = new ConditionDocument(Question: "remote", Operator: ConditionOperator.Equals, Value: "yes"),
            Controls = [new ControlMappingDocument(ControlCatalogue.Iso27001, "A.5.17")],
            Options = null,
        };

        QuestionnaireJson.Apply(question, edited);

        Assert.Equal(QuestionType.YesNoPartialNa, question.Type);
        Assert.Equal(["yes", "partial", "no", "na"], question.Options.Select(o => o.Key));
        Assert.Equal("Is MFA enforced?", question.Text.En);
        Assert.True(question.IsRequired && question.IsCritical);
        Assert.Equal(3, question.Weight);
        Assert.Equal("remote", Assert.IsType<AnswerCondition>(question.VisibleWhen).QuestionKey);
        Assert.Equal([new ControlMapping(ControlCatalogue.Iso27001, "A.5.17")], question.ControlMappings);
    }

    [Fact]
    public void Apply_names_the_question_of_an_invalid_condition_and_refuses_published_versions()
    {
        var draft = NewDraft();
        var question = draft.AddYesNo("mfa");
        var bad = QuestionnaireJson.ToDocument(question) with
        {
            VisibleWhen = new ConditionDocument(Question: "remote", Operator: ConditionOperator.Equals),
        };
        var error = Assert.Throws<QuestionnaireImportException>(() => QuestionnaireJson.Apply(question, bad));
        Assert.Equal("QuestionInvalid", error.ImportError.MessageId);
        Assert.Equal("mfa", error.ImportError.Arguments[0]);

        var template = NewTemplate();
        template.Draft!.AddSection("s1", Text("S"));
        var published = template.Draft.AddYesNo("q");
        template.PublishDraft(ControlCatalogue.Default, Now);
        Assert.Throws<PublishedVersionImmutableException>(() => QuestionnaireJson.Apply(published, QuestionnaireJson.ToDocument(published)));
    }

    [Fact]
    public void Changing_to_single_choice_keeps_no_yes_no_constraint_and_back_to_yes_no_restores_defaults()
    {
        var draft = NewDraft();
        var question = draft.AddChoice("host", QuestionType.SingleChoice, ("a", 100), ("b", 0));
        question.ChangeType(QuestionType.MultipleChoice);
        Assert.Equal(["a", "b"], question.Options.Select(o => o.Key));
        question.ChangeType(QuestionType.YesNo);
        Assert.Equal(["yes", "no"], question.Options.Select(o => o.Key));
        question.ChangeType(QuestionType.FreeText);
        Assert.Empty(question.Options);
    }
}
