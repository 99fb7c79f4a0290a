using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Questionnaires;
using VendorRisk.Web.Features.Questionnaires.Import;
using VendorRisk.Web.Tabular;

namespace VendorRisk.IntegrationTests.Questionnaires;

/// <summary>A hospital's own workbook imported through the column mapping, on both databases.</summary>
[Collection(SharedApps.Name)]
public sealed class MappedWorkbookImportTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MappedQuestionnaire Map(string csv, string name)
    {
        var sheet = QuestionnaireMappingImportService.ReadSheet(Encoding.UTF8.GetBytes(csv), null, Ct);
        return QuestionnaireColumnMapper.Map(sheet, new QuestionColumnMapping(QuestionnaireColumnMapper.Guess(sheet.Headers)), new LocalizedText(name, name), cancellationToken: Ct);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_mapped_workbook_becomes_a_draft_template_of_this_hospital_only(DatabaseProvider provider)
    {
        var app = apps[provider];
        var a = await Hospital.CreateAsync(app);
        var b = await Hospital.CreateAsync(app);
        var name = $"Our SIG copy {Guid.NewGuid():N}";
        var mapped = Map("Domaine;Réf;Question;Type;Réponses possibles;Poids\nAccès;A1;MFA ?;oui/non;;2\n;A2;Outil ?;choix unique;\"Aucun = 0; Oui = 100\";1,5\n", name);

        Guid id;
        await using (var scope = app.ScopeFor(a.Ciso))
        {
            var result = await scope.ServiceProvider.GetRequiredService<QuestionnaireMappingImportService>().ImportAsync(mapped, Ct);
            Assert.True(result.TemplateId is not null, string.Join("; ", result.Errors.Select(e => $"{e.Row} {e.Column} {e.MessageKey}")));
            id = result.TemplateId.Value;
            var template = await scope.ServiceProvider.GetRequiredService<QuestionnaireLibraryService>().GetAsync(id, Ct);
            var draft = Assert.Single(template!.Versions);
            Assert.Equal((1, TemplateVersionStatus.Draft), (draft.Number, draft.Status));
            Assert.Equal(["a1", "a2"], draft.Questions.Select(q => q.Key));
            Assert.Equal(1.5m, draft.Questions[1].Weight);
        }

        await using (var scope = app.ScopeFor(b.Ciso))
        {
            var library = scope.ServiceProvider.GetRequiredService<QuestionnaireLibraryService>();
            Assert.Null(await library.GetAsync(id, Ct));
            Assert.DoesNotContain(await library.ListAsync(Ct), t => t.Name.En == name);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_mapping_with_errors_or_a_role_that_cannot_edit_saves_nothing(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var name = $"Broken {Guid.NewGuid():N}";
        var broken = Map("Question;Type\nFine ?;oui/non\nBroken ?;tableur\n", name);
        var fine = Map("Question;Type\nFine ?;oui/non\n", name);

        await using var ciso = app.ScopeFor(hospital.Ciso);
        var refused = await ciso.ServiceProvider.GetRequiredService<QuestionnaireMappingImportService>().ImportAsync(broken, Ct);
        Assert.Null(refused.TemplateId);
        Assert.Equal((3, "QImport_Error_Type"), (refused.Errors[0].Row, refused.Errors[0].MessageKey));

        await using var procurement = app.ScopeFor(hospital.Procurement);
        var notAllowed = await procurement.ServiceProvider.GetRequiredService<QuestionnaireMappingImportService>().ImportAsync(fine, Ct);
        Assert.Null(notAllowed.TemplateId);

        Assert.DoesNotContain(await ciso.ServiceProvider.GetRequiredService<QuestionnaireLibraryService>().ListAsync(Ct), t => t.Name.En == name);
    }

    [Fact]
    public void A_file_over_the_row_limit_is_refused_naming_the_row()
    {
        var csv = "Question\n" + string.Concat(Enumerable.Range(1, QuestionnaireColumnMapper.MaxRows + 1).Select(i => $"Q{i}\n"));

        var error = Assert.Throws<TabularFileException>(() => QuestionnaireMappingImportService.ReadSheet(Encoding.UTF8.GetBytes(csv), null, Ct));

        Assert.Equal((TabularProblem.TooManyRows, QuestionnaireColumnMapper.MaxRows + 2), (error.Problem, error.Row));
    }
}
