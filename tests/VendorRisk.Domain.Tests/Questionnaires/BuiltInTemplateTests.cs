using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Tenancy;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class BuiltInTemplateTests
{
    public static TheoryData<string> Keys =>
        [BuiltInTemplate.ClinicalSoftwareBaselineKey, BuiltInTemplate.QuickTriageKey, BuiltInTemplate.MedicalDeviceKey];

    private static TemplateVersion CopyOf(string key) =>
        QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(key), Now).Draft!;

    [Fact]
    public void The_three_built_in_templates_ship_in_the_assembly() =>
        Assert.Equal(
            [BuiltInTemplate.ClinicalSoftwareBaselineKey, BuiltInTemplate.MedicalDeviceKey, BuiltInTemplate.QuickTriageKey],
            BuiltInTemplate.All.Select(t => t.Key));

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_built_in_template_validates_and_publishes(string key)
    {
        var template = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(key), Now);
        Assert.Empty(TemplateValidator.Validate(template.Draft!, ControlCatalogue.Default));

        var published = template.PublishDraft(ControlCatalogue.Default, Now);

        Assert.Equal(TemplateVersionStatus.Published, published.Status);
        Assert.Equal(key, template.BuiltInSourceKey);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_question_of_a_built_in_template_maps_to_a_control_of_the_catalogue(string key)
    {
        foreach (var question in CopyOf(key).Questions)
        {
            Assert.NotEmpty(question.ControlMappings);
            Assert.All(question.ControlMappings, m => Assert.True(
                ControlCatalogue.Default.Exists(m.Framework, m.ControlId), $"{question.Key}: {m.Framework} {m.ControlId}"));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_text_of_a_built_in_template_is_in_french_and_english(string key)
    {
        var builtIn = BuiltInTemplate.Get(key);
        var version = CopyOf(key);
        Assert.True(builtIn.Name.IsComplete);
        Assert.True(builtIn.Document.Description?.IsComplete);
        Assert.All(version.Sections, s => Assert.True(s.Title.IsComplete, s.Key));
        Assert.All(version.Questions, q =>
        {
            Assert.True(q.Text.IsComplete, q.Key);
            Assert.True(q.HelpText is null || q.HelpText.IsComplete, q.Key);
            Assert.All(q.Options, o => Assert.True(o.Label.IsComplete, $"{q.Key}/{o.Key}"));
            Assert.NotEqual(q.Text.Fr, q.Text.En);
        });
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_built_in_template_round_trips_through_json(string key)
    {
        var template = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(key), Now);
        var first = QuestionnaireJson.Serialize(template.ToDocument(template.Draft!));
        var again = QuestionnaireTemplate.FromDocument(QuestionnaireJson.Deserialize(first), Now);
        Assert.Equal(first, QuestionnaireJson.Serialize(again.ToDocument(again.Draft!)));
    }

    [Fact]
    public void The_clinical_baseline_has_60_to_100_questions_in_the_sections_of_the_issue()
    {
        var version = CopyOf(BuiltInTemplate.ClinicalSoftwareBaselineKey);
        Assert.InRange(version.Questions.Count, 60, 100);
        Assert.Equal(
            ["governance", "identity", "monitoring", "data", "vulnerability", "development", "subprocessors", "incident", "continuity", "hosting"],
            version.OrderedSections().Where(s => s.ParentKey is null).Select(s => s.Key));
        Assert.All(version.Sections, s => Assert.NotEmpty(version.QuestionsOf(s.Key)));
    }

    [Fact]
    public void The_clinical_baseline_marks_the_MediBoard_lessons_as_critical()
    {
        var critical = CopyOf(BuiltInTemplate.ClinicalSoftwareBaselineKey).Questions.Where(q => q.IsCritical).Select(q => q.Key).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "pam-mfa-remote", "pam-mfa-privileged", "iam-unique-accounts", "iam-stolen-credential-detection", "mon-bulk-export" },
            critical);
    }

    [Fact]
    public void In_the_clinical_baseline_partial_mfa_on_privileged_accounts_is_a_critical_gap()
    {
        var version = CopyOf(BuiltInTemplate.ClinicalSoftwareBaselineKey);
        var answers = version.Questions
            .Where(q => q.IsChoice && q.Options.Any(o => o.Score is not null))
            .ToDictionary(q => q.Key, q => (Answer)Choice(q.Options.Where(o => o.Score is not null).MaxBy(o => o.Score)!.Key));
        answers["pam-mfa-privileged"] = Choice("partial");

        var result = QuestionnaireScorer.Score(version, answers, Today);

        Assert.Equal("pam-mfa-privileged", Assert.Single(result.CriticalGaps).QuestionKey);
        Assert.Equal(QuestionnaireScorer.CriticalCapScore, result.Score);
        Assert.True(result.RawScore > 90);
    }

    [Fact]
    public void The_hds_certificate_number_is_asked_only_when_hosting_is_hds()
    {
        var version = CopyOf(BuiltInTemplate.ClinicalSoftwareBaselineKey);
        var hds = ConditionEvaluator.ComputeVisibility(version, Answers(("host-model", Choice("hds-certified"))));
        var onPremises = ConditionEvaluator.ComputeVisibility(version, Answers(("host-model", Choice("on-premises"))));

        Assert.True(hds.IsQuestionVisible("host-hds-certificate-number"));
        Assert.False(onPremises.IsQuestionVisible("host-hds-certificate-number"));
        Assert.False(onPremises.IsQuestionVisible("host-location"));
    }

    [Fact]
    public void The_quick_triage_has_about_15_questions() =>
        Assert.InRange(CopyOf(BuiltInTemplate.QuickTriageKey).Questions.Count, 12, 18);

    [Fact]
    public void The_medical_device_outline_follows_the_MDS2_themes() =>
        Assert.Equal(
            ["mds-authentication", "mds-audit", "mds-malware", "mds-remote-service", "mds-sbom", "mds-roadmap"],
            CopyOf(BuiltInTemplate.MedicalDeviceKey).OrderedSections().Select(s => s.Key));

    [Fact]
    public void Built_in_templates_are_tenant_exempt_and_tenant_copies_are_tenant_owned()
    {
        Assert.NotNull(typeof(BuiltInTemplate).GetCustomAttributes(typeof(TenantExemptAttribute), false).SingleOrDefault());
        Assert.True(typeof(ITenantOwned).IsAssignableFrom(typeof(QuestionnaireTemplate)));
        Assert.True(typeof(ITenantOwned).IsAssignableFrom(typeof(TemplateVersion)));
    }

    [Fact]
    public void A_tenant_copy_is_independent_of_the_built_in_content()
    {
        var copy = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(BuiltInTemplate.QuickTriageKey), Now);
        copy.Draft!.FindQuestion("tri-mfa")!.SetWeight(10);

        var fresh = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(BuiltInTemplate.QuickTriageKey), Now);
        Assert.Equal(3m, fresh.Draft!.FindQuestion("tri-mfa")!.Weight);
    }
}
