using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.Web.Tests.Questionnaires;

/// <summary>
/// The domain's own refusals (what the editor shows when a change is refused) carry a message id and
/// invariant arguments: the editor renders them in the UI language, never the English log text.
/// </summary>
public sealed class QuestionnaireDomainErrorTextTests : VendorRiskTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private IStringLocalizer<SharedResource> L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static TemplateVersion Draft()
    {
        var draft = QuestionnaireTemplate.Create(new LocalizedText("Essai", "Trial"), null, Now).Draft!;
        draft.AddSection("access", new LocalizedText("Accès", "Access"));
        draft.AddQuestion("access", "remote", QuestionType.YesNo, new LocalizedText("Accès distant ?", "Remote access?"));
        draft.AddQuestion("access", "mfa", QuestionType.YesNo, new LocalizedText("MFA ?", "Is MFA enforced?"));
        return draft;
    }

    [Fact]
    public void The_preview_explains_a_loop_between_conditions_in_french()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
        var draft = Draft();
        draft.FindQuestion("remote")!.SetVisibleWhen(AnswerCondition.EqualTo("mfa", "yes"));
        draft.FindQuestion("mfa")!.SetVisibleWhen(AnswerCondition.EqualTo("remote", "yes"));
        RenderPopoverProvider();

        var preview = Render<QuestionnairePreview>(p => p.Add(x => x.Version, draft));

        Assert.Contains("Les conditions forment une boucle (", preview.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Conditions form a loop", preview.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_section_that_still_has_questions_is_refused_in_french()
    {
        var ex = Assert.Throws<QuestionnaireOperationException>(() => Draft().RemoveSection("access"));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");

        Assert.Equal(
            "La section access n'est pas vide : déplacez ou supprimez d'abord ses questions et sous-sections.",
            QuestionnaireText.Of(ex, L));
    }

    [Fact]
    public void Saving_a_question_whose_condition_lacks_its_option_reads_in_french_down_to_the_cause()
    {
        // What the editor's Save hands the service when the condition builder has no option chosen.
        var draft = Draft();
        var edited = QuestionnaireJson.ToDocument(draft.FindQuestion("mfa")!) with
        {
            VisibleWhen = new ConditionDocument(Question: "remote", Operator: ConditionOperator.AnyOf, Values: []),
        };
        var ex = Assert.Throws<QuestionnaireImportException>(() => QuestionnaireJson.Apply(draft.FindQuestion("mfa")!, edited));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");

        Assert.Equal("Question mfa : La condition sur remote demande une ou plusieurs options.", QuestionnaireText.Of(ex, L));
    }

    [Fact]
    public void A_published_version_refuses_changes_in_french_and_any_other_failure_gets_a_general_text()
    {
        var template = QuestionnaireTemplate.Create(new LocalizedText("Essai", "Trial"), null, Now);
        var draft = template.Draft!;
        draft.AddSection("access", new LocalizedText("Accès", "Access"));
        draft.AddQuestion("access", "remote", QuestionType.YesNo, new LocalizedText("Accès distant ?", "Remote access?"));
        template.PublishDraft(VendorRisk.Domain.Controls.ControlCatalogue.Default, Now);
        var ex = Assert.Throws<PublishedVersionImmutableException>(() => draft.AddSection("late", new LocalizedText("Tard", "Late")));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");

        Assert.Equal(
            "La version 1 est publiée et ne peut plus changer ; créez une nouvelle version brouillon pour modifier le questionnaire.",
            QuestionnaireText.Of(ex, L));
        Assert.Equal(
            "La modification n'a pas pu être faite. Rechargez la page et réessayez.",
            QuestionnaireText.Of(new InvalidOperationException("some English detail"), L));
    }
}
