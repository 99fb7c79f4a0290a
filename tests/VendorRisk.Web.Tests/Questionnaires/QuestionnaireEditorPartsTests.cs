using Bunit;
using Microsoft.AspNetCore.Components;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.Web.Tests.Questionnaires;

public sealed class QuestionnaireEditorPartsTests : VendorRiskTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>"remote" (yes/no), "hours" (number), "mfa" shown when remote = yes, "sla" shown when hours ≥ 24.</summary>
    private static TemplateVersion Version()
    {
        var draft = QuestionnaireTemplate.Create(new LocalizedText("Essai", "Trial"), null, Now).Draft!;
        draft.AddSection("access", new LocalizedText("Accès", "Access"));
        draft.AddQuestion("access", "remote", QuestionType.YesNo, new LocalizedText("Accès distant ?", "Remote access?"));
        draft.AddQuestion("access", "hours", QuestionType.Number, new LocalizedText("Heures ?", "Hours?"));
        draft.AddQuestion("access", "mfa", QuestionType.YesNo, new LocalizedText("MFA ?", "Is MFA enforced?"))
            .SetVisibleWhen(AnswerCondition.EqualTo("remote", "yes"));
        draft.AddQuestion("access", "sla", QuestionType.FreeText, new LocalizedText("SLA ?", "Describe the SLA"))
            .SetVisibleWhen(AnswerCondition.AtLeast("hours", 24));
        return draft;
    }

    [Fact]
    public void The_preview_shows_a_conditional_question_only_while_its_condition_holds()
    {
        RenderPopoverProvider();
        var preview = Render<QuestionnairePreview>(p => p.Add(x => x.Version, Version()));

        Assert.Empty(preview.FindAll("[data-question=mfa]"));
        Assert.Contains("Remote access?", preview.Markup, StringComparison.Ordinal);

        preview.FindAll("[data-question=remote] input[type=radio]")[0].Click(); // yes
        Assert.Single(preview.FindAll("[data-question=mfa]"));

        preview.FindAll("[data-question=remote] input[type=radio]")[1].Click(); // no
        Assert.Empty(preview.FindAll("[data-question=mfa]"));
    }

    [Fact]
    public void The_preview_evaluates_number_conditions_live()
    {
        RenderPopoverProvider();
        var preview = Render<QuestionnairePreview>(p => p.Add(x => x.Version, Version()));
        preview.Find("[data-question=hours] input").Change("12");
        Assert.Empty(preview.FindAll("[data-question=sla]"));

        preview.Find("[data-question=hours] input").Change("24");
        Assert.Single(preview.FindAll("[data-question=sla]"));
    }

    [Fact]
    public void The_builder_loads_an_existing_condition_and_produces_the_same_document()
    {
        var version = Version();
        var existing = new ConditionDocument(Any:
        [
            new ConditionDocument(Question: "remote", Operator: ConditionOperator.Equals, Value: "yes"),
            new ConditionDocument(Question: "hours", Operator: ConditionOperator.NumberAtLeast, Number: 24),
        ]);
        RenderPopoverProvider();

        var builder = Render<ConditionBuilder>(p => p
            .Add(x => x.Questions, version.OrderedQuestions().Where(q => q.Key != "mfa").ToList())
            .Add(x => x.Value, existing));

        Assert.Equal(2, builder.FindAll("[data-testid=condition-rule]").Count);
        Assert.False(builder.Instance.Draft.MatchAll);
        Assert.Equal(QuestionnaireJson.Serialize(Wrap(existing)), QuestionnaireJson.Serialize(Wrap(builder.Instance.Draft.ToDocument()!)));
    }

    [Fact]
    public void Removing_the_last_rule_reports_no_condition()
    {
        ConditionDocument? reported = new(Question: "x", Operator: ConditionOperator.IsAnswered);
        RenderPopoverProvider();
        var builder = Render<ConditionBuilder>(p => p
            .Add(x => x.Questions, Version().OrderedQuestions().ToList())
            .Add(x => x.Value, new ConditionDocument(Question: "remote", Operator: ConditionOperator.Equals, Value: "no"))
            .Add(x => x.ValueChanged, EventCallback.Factory.Create<ConditionDocument?>(this, v => reported = v)));

        builder.Find("[data-testid=condition-rule] button[aria-label='Remove rule 1']").Click();

        Assert.Null(reported);
        Assert.Contains("Always shown.", builder.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_is_incomplete_until_it_has_a_value_and_operators_follow_the_question_type()
    {
        var rule = new ConditionRule { QuestionKey = "remote", Operator = ConditionOperator.Equals };
        Assert.Null(rule.ToDocument());
        rule.OptionKey = "yes";
        Assert.Equal("yes", rule.ToDocument()!.Value);

        Assert.DoesNotContain(ConditionOperator.Equals, ConditionRule.OperatorsFor(QuestionType.Number));
        Assert.Contains(ConditionOperator.NumberAtLeast, ConditionRule.OperatorsFor(QuestionType.Number));
        Assert.Equal([ConditionOperator.IsAnswered], ConditionRule.OperatorsFor(QuestionType.FreeText));

        var draft = new ConditionDraft();
        draft.Rules.Add(rule);
        draft.Rules.Add(new ConditionRule { QuestionKey = "hours", Operator = ConditionOperator.NumberAtMost, Number = 4 });
        Assert.Equal(2, draft.ToDocument()!.All!.Count);
        Assert.Equal("remote = yes and hours ≤ 4", ConditionDraft.Describe(draft.ToDocument(), "and", "or"));
    }

    [Fact]
    public void A_nested_imported_condition_is_kept_unless_the_user_starts_over()
    {
        var nested = new ConditionDocument(All:
        [
            new ConditionDocument(Question: "remote", Operator: ConditionOperator.Equals, Value: "yes"),
            new ConditionDocument(Any: [new ConditionDocument(Question: "hours", Operator: ConditionOperator.IsAnswered)]),
        ]);
        var draft = ConditionDraft.From(nested);
        Assert.True(draft.IsAdvanced);
        Assert.Same(nested, draft.ToDocument());
        draft.StartOver();
        Assert.Null(draft.ToDocument());
    }

    // Conditions compare through the JSON format: wrap one as a question's condition.
    private static TemplateDocument Wrap(ConditionDocument condition) => new(
        TemplateDocument.FormatName,
        TemplateDocument.CurrentFormatVersion,
        new LocalizedText("a", "a"),
        [new SectionDocument("s", new LocalizedText("s", "s"), Questions: [new QuestionDocument("q", QuestionType.FreeText, new LocalizedText("q", "q"), VisibleWhen: condition)])]);
}
