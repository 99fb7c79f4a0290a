using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class TemplateVersionDiffTests
{
    [Fact]
    public void Reports_added_removed_and_changed_questions_by_key_with_the_changed_fields()
    {
        var template = NewTemplate();
        var v1 = template.Draft!;
        v1.AddSection("s1", Text("S1"));
        v1.AddYesNo("remote");
        v1.AddYesNo("mfa");
        v1.AddYesNo("shared-accounts");
        v1.AddYesNo("unchanged");
        template.PublishDraft(ControlCatalogue.Default, Now);
        var v2 = template.CreateDraft(Now);
        v2.RemoveQuestion("shared-accounts");
        v2.AddYesNo("dormant");
        v2.FindQuestion("mfa")!.SetWeight(3);
        v2.FindQuestion("mfa")!.SetVisibleWhen(AnswerCondition.EqualTo("remote", "yes"));
        v2.FindQuestion("remote")!.SetText(Text("Does the vendor reach our systems remotely?"));

        var diff = TemplateVersionDiff.Compare(v1, v2);

        Assert.Equal(
            [("remote", QuestionChange.Changed), ("mfa", QuestionChange.Changed), ("dormant", QuestionChange.Added), ("shared-accounts", QuestionChange.Removed)],
            diff.Select(d => (d.Key, d.Change)));
        Assert.Equal([TemplateVersionDiff.FieldNames.Text], diff[0].Fields);
        Assert.Equal([TemplateVersionDiff.FieldNames.Weight, TemplateVersionDiff.FieldNames.Condition], diff[1].Fields);
        Assert.Null(diff[2].Before);
        Assert.Null(diff[3].After);
    }

    [Fact]
    public void Identical_versions_have_no_difference()
    {
        var template = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(BuiltInTemplate.ClinicalSoftwareBaselineKey), Now);
        template.PublishDraft(ControlCatalogue.Default, Now);
        var draft = template.CreateDraft(Now);

        Assert.Empty(TemplateVersionDiff.Compare(template.Versions[0], draft));
    }
}
