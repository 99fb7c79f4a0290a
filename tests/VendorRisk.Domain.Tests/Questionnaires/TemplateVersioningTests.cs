using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class TemplateVersioningTests
{
    private static QuestionnaireTemplate PublishedTemplate()
    {
        var template = NewTemplate();
        template.Draft!.AddSection("s1", Text("Section"));
        template.Draft.AddYesNo("mfa", critical: true);
        template.PublishDraft(ControlCatalogue.Default, Now);
        return template;
    }

    [Fact]
    public void A_new_template_starts_with_an_empty_draft_version_1()
    {
        var template = NewTemplate();
        Assert.Equal(1, template.Draft!.Number);
        Assert.Equal(TemplateVersionStatus.Draft, template.Draft.Status);
    }

    [Fact]
    public void Publishing_a_valid_draft_makes_it_published()
    {
        var template = PublishedTemplate();
        var version = Assert.Single(template.Versions);
        Assert.Equal(TemplateVersionStatus.Published, version.Status);
        Assert.Equal(Now, version.PublishedAtUtc);
        Assert.Null(template.Draft);
    }

    public static TheoryData<string, Action<TemplateVersion>> Mutations => new()
    {
        { "add section", v => v.AddSection("s9", Text("New")) },
        { "add question", v => v.AddYesNo("new") },
        { "remove question", v => v.RemoveQuestion("mfa") },
        { "move question", v => v.MoveQuestion("mfa", "s1", 0) },
        { "question text", v => v.FindQuestion("mfa")!.SetText(Text("Changed")) },
        { "question weight", v => v.FindQuestion("mfa")!.SetWeight(5) },
        { "question critical flag", v => v.FindQuestion("mfa")!.SetCritical(false) },
        { "question condition", v => v.FindQuestion("mfa")!.SetVisibleWhen(AnswerCondition.Answered("x")) },
        { "option score", v => v.FindQuestion("mfa")!.SetOptionScore("no", 50) },
        { "options", v => v.FindQuestion("mfa")!.SetOptions([]) },
        { "control mapping", v => v.FindQuestion("mfa")!.AddControlMapping(new ControlMapping("hds-v2", "EXI 01")) },
        { "evidence request", v => v.FindQuestion("mfa")!.SetEvidenceRequest([EvidenceType.Policy], true) },
        { "number range", v => v.FindQuestion("mfa")!.SetNumberRange("h", 0, 1) },
        { "section title", v => v.FindSection("s1")!.SetTitle(Text("Changed")) },
        { "section condition", v => v.FindSection("s1")!.SetVisibleWhen(AnswerCondition.Answered("mfa")) },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Every_change_to_a_published_version_is_refused(string change, Action<TemplateVersion> mutate)
    {
        var template = PublishedTemplate();
        var published = template.LatestPublished!;
        var before = QuestionnaireJson.Serialize(template.ToDocument(published));

        var ex = Assert.Throws<PublishedVersionImmutableException>(() => mutate(published));

        Assert.Contains(ex.ImportError.MessageId, new[] { "VersionPublished", "VersionRetired" });
        Assert.Equal([published.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)], ex.ImportError.Arguments);
        Assert.Equal(before, QuestionnaireJson.Serialize(template.ToDocument(published)));
        Assert.False(string.IsNullOrEmpty(change));
    }

    [Fact]
    public void Editing_creates_a_new_draft_copied_from_the_latest_version()
    {
        var template = PublishedTemplate();
        var v1 = template.LatestPublished!;

        var draft = template.CreateDraft(Now.AddDays(1));
        draft.FindQuestion("mfa")!.SetWeight(3);

        Assert.Equal(2, draft.Number);
        Assert.Equal(1m, v1.FindQuestion("mfa")!.Weight);
        Assert.Equal(3m, draft.FindQuestion("mfa")!.Weight);
        Assert.NotEqual(v1.FindQuestion("mfa")!.Id, draft.FindQuestion("mfa")!.Id);
        Assert.True(draft.FindQuestion("mfa")!.IsCritical);
    }

    [Fact]
    public void Only_one_draft_at_a_time()
    {
        var template = PublishedTemplate();
        template.CreateDraft(Now);
        Assert.Equal("DraftExists", Assert.Throws<QuestionnaireOperationException>(() => template.CreateDraft(Now)).ImportError.MessageId);
    }

    [Fact]
    public void Publishing_a_new_version_retires_the_previous_one()
    {
        var template = PublishedTemplate();
        template.CreateDraft(Now).AddYesNo("extra");
        var later = Now.AddDays(2);

        var v2 = template.PublishDraft(ControlCatalogue.Default, later);

        Assert.Equal(TemplateVersionStatus.Retired, template.Versions.Single(v => v.Number == 1).Status);
        Assert.Equal(later, template.Versions.Single(v => v.Number == 1).RetiredAtUtc);
        Assert.Same(v2, template.LatestPublished);
        Assert.Throws<PublishedVersionImmutableException>(() => template.Versions.Single(v => v.Number == 1).AddYesNo("late"));
    }

    [Fact]
    public void An_invalid_draft_is_not_published_and_lists_every_error()
    {
        var template = NewTemplate();
        template.Draft!.AddSection("s1", Text("Section"));
        template.Draft.AddYesNo("a").SetWeight(-1);
        template.Draft.AddYesNo("b").SetVisibleWhen(AnswerCondition.EqualTo("ghost", "yes"));

        var ex = Assert.Throws<TemplateValidationException>(() => template.PublishDraft(ControlCatalogue.Default, Now));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal(TemplateVersionStatus.Draft, template.Draft.Status);
    }

    [Fact]
    public void Versions_get_the_tenant_of_their_template()
    {
        var tenant = Guid.NewGuid();
        var template = PublishedTemplate();
        template.AssignTenant(tenant);

        var draft = template.CreateDraft(Now);

        Assert.Equal(tenant, draft.TenantId);
    }

    [Fact]
    public void Questions_can_be_moved_and_keep_a_dense_order()
    {
        var draft = NewDraft();
        draft.AddYesNo("a");
        draft.AddYesNo("b");
        draft.AddYesNo("c");
        draft.AddSection("s2", Text("Other"));

        draft.MoveQuestion("c", "s1", 0);
        draft.MoveQuestion("a", "s2", 0);

        Assert.Equal(["c", "b"], draft.QuestionsOf("s1").Select(q => q.Key));
        Assert.Equal([0, 1], draft.QuestionsOf("s1").Select(q => q.Order));
        Assert.Equal(["c", "b", "a"], draft.OrderedQuestions().Select(q => q.Key));
    }

    [Fact]
    public void Sections_nest_one_level_only()
    {
        var draft = NewDraft();
        draft.AddSection("child", Text("Child"), parentKey: "s1");
        var ex = Assert.Throws<QuestionnaireOperationException>(() => draft.AddSection("grandchild", Text("Too deep"), parentKey: "child"));
        Assert.Equal(("SectionIsSubsection", "child"), (ex.ImportError.MessageId, ex.ImportError.Arguments[0]));
    }

    [Fact]
    public void A_non_empty_section_cannot_be_removed_and_says_so_by_message_id()
    {
        var draft = NewDraft();
        draft.AddYesNo("q1");
        var ex = Assert.Throws<QuestionnaireOperationException>(() => draft.RemoveSection("s1"));
        Assert.Equal(("SectionNotEmpty", "s1"), (ex.ImportError.MessageId, ex.ImportError.Arguments[0]));
        Assert.Equal("NoSection", Assert.Throws<QuestionnaireNotFoundException>(() => draft.RemoveSection("nowhere")).ImportError.MessageId);
        Assert.Equal("NoQuestion", Assert.Throws<QuestionnaireNotFoundException>(() => draft.RemoveQuestion("nowhere")).ImportError.MessageId);
    }
}
