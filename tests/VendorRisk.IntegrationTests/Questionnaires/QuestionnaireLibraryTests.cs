using System.Text;
using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Tenancy;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.IntegrationTests.Questionnaires;

/// <summary>The questionnaire library's use cases against the real database, on SQLite and PostgreSQL.</summary>
[Collection(SharedApps.Name)]
public sealed class QuestionnaireLibraryTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_copied_built_in_template_is_stored_whole_and_publishes(DatabaseProvider provider)
    {
        var (_, library) = await HospitalAsync(provider);
        var builtIn = BuiltInTemplate.Get(BuiltInTemplate.ClinicalSoftwareBaselineKey);

        var id = await library.CopyBuiltInAsync(builtIn.Key, Ct);
        var stored = await library.GetAsync(id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(builtIn.Key, stored.BuiltInSourceKey);
        var inMemory = QuestionnaireTemplate.CopyOf(builtIn, DateTimeOffset.UtcNow);
        Assert.Equal(QuestionnaireJson.Serialize(inMemory.ToDocument(inMemory.Draft!)), QuestionnaireJson.Serialize(stored.ToDocument(stored.Draft!)));
        Assert.Equal(builtIn.Document.Sections.Sum(s => s.Questions?.Count ?? 0) + builtIn.Document.Sections.Sum(s => (s.Sections ?? []).Sum(c => c.Questions?.Count ?? 0)), stored.Draft!.Questions.Count);
        Assert.True((await library.PublishAsync(id, Ct)).Published);

        var row = Assert.Single(await library.ListAsync(Ct), t => t.Id == id);
        Assert.Equal((1, TemplateVersionStatus.Published, 1), (row.LatestNumber, row.LatestStatus, row.PublishedNumber));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_published_version_cannot_be_changed_through_the_service(DatabaseProvider provider)
    {
        var (_, library) = await HospitalAsync(provider);
        var id = await PublishedTemplateAsync(library);
        var before = await ContentAsync(library, id, 1);
        var question = (await library.GetAsync(id, Ct))!.Versions[0].FindQuestion("mfa")!;
        var edited = QuestionnaireJson.ToDocument(question) with { Weight = 5 };

        await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => library.UpdateQuestionAsync(id, 1, "mfa", edited, Ct));
        await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => library.AddQuestionAsync(id, 1, "access", "late", QuestionType.YesNo, new LocalizedText("Tard ?", "Late?"), Ct));
        await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => library.MoveQuestionAsync(id, 1, "mfa", 1, Ct));
        await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => library.RemoveQuestionAsync(id, 1, "remote", Ct));

        Assert.Equal(before, await ContentAsync(library, id, 1));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_published_version_cannot_be_changed_or_deleted_behind_the_domains_back(DatabaseProvider provider)
    {
        var (hospital, library) = await HospitalAsync(provider);
        var id = await PublishedTemplateAsync(library);
        var before = await ContentAsync(library, id, 1);

        await using (var db = TenantLibrary.Context(apps[provider], hospital.Id))
        {
            var version = await db.TemplateVersions.SingleAsync(v => v.TemplateId == id, Ct);
            db.Entry(version).Property(v => v.Content).CurrentValue = """{"sections":[]}""";
            await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var db = TenantLibrary.Context(apps[provider], hospital.Id))
        {
            var version = await db.TemplateVersions.SingleAsync(v => v.TemplateId == id, Ct);
            db.Entry(version).Property(v => v.PublishedAtUtc).CurrentValue = DateTimeOffset.UtcNow.AddYears(-1);
            await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var db = TenantLibrary.Context(apps[provider], hospital.Id))
        {
            db.TemplateVersions.Remove(await db.TemplateVersions.SingleAsync(v => v.TemplateId == id, Ct));
            await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Equal(before, await ContentAsync(library, id, 1));

        // Retiring is the one change a published version accepts.
        await library.RetireAsync(id, 1, Ct);
        Assert.Equal(TemplateVersionStatus.Retired, (await library.GetAsync(id, Ct))!.Versions[0].Status);
        Assert.Equal(before, await ContentAsync(library, id, 1));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_new_draft_copies_the_latest_version_and_publishing_it_retires_the_previous_one(DatabaseProvider provider)
    {
        var (_, library) = await HospitalAsync(provider);
        var id = await PublishedTemplateAsync(library);

        Assert.Equal(2, await library.CreateDraftAsync(id, Ct));
        Assert.Equal(await ContentAsync(library, id, 1), await ContentAsync(library, id, 2));

        var mfa = (await library.GetAsync(id, Ct))!.Draft!.FindQuestion("mfa")!;
        await library.UpdateQuestionAsync(id, 2, "mfa", QuestionnaireJson.ToDocument(mfa) with { Weight = 3, Critical = true }, Ct);
        await library.MoveQuestionAsync(id, 2, "mfa", -1, Ct);
        Assert.True((await library.PublishAsync(id, Ct)).Published);

        var template = (await library.GetAsync(id, Ct))!;
        Assert.Equal(TemplateVersionStatus.Retired, template.Versions.Single(v => v.Number == 1).Status);
        var published = template.Versions.Single(v => v.Number == 2);
        Assert.Equal(TemplateVersionStatus.Published, published.Status);
        Assert.Equal(["mfa", "remote"], published.OrderedQuestions().Select(q => q.Key));
        Assert.Equal(3, published.FindQuestion("mfa")!.Weight);
        Assert.Equal(1, template.Versions.Single(v => v.Number == 1).FindQuestion("mfa")!.Weight);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_sections_title_and_condition_are_saved_and_a_draft_can_be_discarded(DatabaseProvider provider)
    {
        var (_, library) = await HospitalAsync(provider);
        var id = await PublishedTemplateAsync(library);
        await library.CreateDraftAsync(id, Ct);
        await library.AddSectionAsync(id, 2, "remote-details", new LocalizedText("Détails", "Details"), null, Ct);
        var duplicate = await Assert.ThrowsAsync<QuestionnaireFormatException>(() => library.AddSectionAsync(id, 2, "remote-details", new LocalizedText("x", "x"), null, Ct));
        Assert.Equal(("KeyInUse", "remote-details"), (duplicate.ImportError.MessageId, duplicate.ImportError.Arguments[0]));
        var malformed = await Assert.ThrowsAsync<QuestionnaireFormatException>(() => library.AddQuestionAsync(id, 2, "remote-details", "Bad Key!", QuestionType.YesNo, new LocalizedText("x", "x"), Ct));
        Assert.Equal(("KeyFormat", "Bad Key!"), (malformed.ImportError.MessageId, malformed.ImportError.Arguments[0]));

        await library.UpdateSectionAsync(
            id,
            2,
            "remote-details",
            new LocalizedText("Détails de l'accès distant", "Remote access details"),
            new LocalizedText("Pour les accès distants", "For remote access"),
            new ConditionDocument(Question: "remote", Operator: ConditionOperator.Equals, Value: "yes"),
            Ct);

        var section = (await library.GetAsync(id, Ct))!.Draft!.FindSection("remote-details")!;
        Assert.Equal("Remote access details", section.Title.En);
        Assert.Equal("For remote access", section.Description!.En);
        Assert.Equal("remote", Assert.IsType<AnswerCondition>(section.VisibleWhen).QuestionKey);

        await library.DiscardDraftAsync(id, Ct);
        var template = (await library.GetAsync(id, Ct))!;
        Assert.Null(template.Draft);
        Assert.Equal(TemplateVersionStatus.Published, Assert.Single(template.Versions).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Publishing_an_invalid_draft_lists_every_error_with_its_key_and_saves_nothing(DatabaseProvider provider)
    {
        var (_, library) = await HospitalAsync(provider);
        var id = await library.CreateBlankAsync(new LocalizedText("Essai", "Trial"), null, Ct);
        await library.AddSectionAsync(id, 1, "access", new LocalizedText("Accès", "Access"), null, Ct);
        await library.AddQuestionAsync(id, 1, "access", "mfa", QuestionType.YesNo, new LocalizedText("MFA ?", ""), Ct);
        var mfa = (await library.GetAsync(id, Ct))!.Draft!.FindQuestion("mfa")!;
        await library.UpdateQuestionAsync(
            id,
            1,
            "mfa",
            QuestionnaireJson.ToDocument(mfa) with { VisibleWhen = new ConditionDocument(Question: "deleted-question", Operator: ConditionOperator.Equals, Value: "yes") },
            Ct);

        var validation = await library.ValidateDraftAsync(id, Ct);
        var result = await library.PublishAsync(id, Ct);

        Assert.False(result.Published);
        Assert.Equal(validation, result.Errors);
        Assert.Contains(result.Errors, e => e is { Key: "mfa", Code: TemplateValidationCodes.MissingText });
        Assert.Contains(result.Errors, e => e is { Key: "mfa", Code: TemplateValidationCodes.UnknownQuestionReference });
        Assert.Equal(TemplateVersionStatus.Draft, (await library.GetAsync(id, Ct))!.Versions.Single().Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Json_export_then_import_gives_an_identical_new_template(DatabaseProvider provider)
    {
        var (_, library) = await HospitalAsync(provider);
        var source = await library.CopyBuiltInAsync(BuiltInTemplate.MedicalDeviceKey, Ct);
        Assert.True((await library.PublishAsync(source, Ct)).Published);
        var exported = await library.ExportJsonAsync(source, 1, Ct);

        var imported = await library.ImportJsonAsync(new MemoryStream(Encoding.UTF8.GetBytes(exported!.Content)), Ct);

        Assert.Null(imported.Error);
        Assert.NotEqual(source, imported.TemplateId);
        Assert.Equal(exported.Content, (await library.ExportJsonAsync(imported.TemplateId!.Value, 1, Ct))!.Content);
        Assert.EndsWith("-v1.json", exported.FileName, StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider, string, string> BadFiles()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            data.Add(provider, "empty", "FileEmpty");
            data.Add(provider, "oversized", "FileTooLarge");
            data.Add(provider, "binary", "FileNotUtf8");
            data.Add(provider, "malformed", "JsonInvalid");
            data.Add(provider, "other-format", "JsonWrongFormat");
            data.Add(provider, "bad-question", "QuestionInvalid");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_json_file_is_refused_with_a_message_naming_the_problem_and_nothing_is_saved(DatabaseProvider provider, string kind, string expected)
    {
        var (_, library) = await HospitalAsync(provider);
        byte[] bytes = kind switch
        {
            "empty" => [],
            "oversized" => Encoding.UTF8.GetBytes(new string(' ', (int)QuestionnaireLibraryService.MaxImportBytes + 1)),
            "binary" => [0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE, 0xC3, 0x28],
            "malformed" => Encoding.UTF8.GetBytes("""{ "format": "vendorrisk-questionnaire", "formatVersion": 1, "name": """),
            "other-format" => Encoding.UTF8.GetBytes("""{ "format": "sig-lite", "formatVersion": 1, "name": { "fr": "a", "en": "b" }, "sections": [] }"""),
            _ => Encoding.UTF8.GetBytes("""
                { "format": "vendorrisk-questionnaire", "formatVersion": 1, "name": { "fr": "a", "en": "b" },
                  "sections": [ { "key": "s", "title": { "fr": "S", "en": "S" }, "questions": [
                    { "key": "mfa", "type": "yesNo", "text": { "fr": "?", "en": "?" },
                      "options": [ { "key": "yes", "label": { "fr": "Oui", "en": "Yes" }, "score": 100, "notApplicable": true } ] } ] } ] }
                """),
        };

        var result = await library.ImportJsonAsync(new MemoryStream(bytes), Ct);

        Assert.Null(result.TemplateId);
        Assert.Equal(expected, result.Error?.MessageId);
        if (kind == "bad-question")
        {
            // Names the question; the option's problem is itself localisable.
            Assert.Equal("mfa", result.Error!.Arguments[0]);
            Assert.Equal("OptionScoreOrNotApplicable", result.Error.Detail?.MessageId);
        }

        Assert.Empty(await library.ListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Another_hospital_finds_nothing_with_a_guessed_id_and_cannot_write(DatabaseProvider provider)
    {
        var (hospitalA, libraryA) = await HospitalAsync(provider);
        var (hospitalB, libraryB) = await HospitalAsync(provider);
        var id = await PublishedTemplateAsync(libraryA);
        await libraryA.CreateDraftAsync(id, Ct);
        var before = await ContentAsync(libraryA, id, 2);

        Assert.Null(await libraryB.GetAsync(id, Ct));
        Assert.Empty(await libraryB.ListAsync(Ct));
        Assert.Null(await libraryB.ExportJsonAsync(id, 1, Ct));
        await Assert.ThrowsAsync<QuestionnaireNotFoundException>(() => libraryB.AddSectionAsync(id, 2, "intruder", new LocalizedText("x", "x"), null, Ct));
        await Assert.ThrowsAsync<QuestionnaireNotFoundException>(() => libraryB.PublishAsync(id, Ct));
        Assert.Equal("NoTemplate", (await Assert.ThrowsAsync<QuestionnaireNotFoundException>(() => libraryB.RetireAsync(id, 1, Ct))).ImportError.MessageId);

        // Even holding the row (through a bug elsewhere), hospital B cannot save it.
        await using (var db = TenantLibrary.Context(apps[provider], hospitalB.Id))
        {
            var stolen = await db.QuestionnaireTemplates.IgnoreQueryFilters().Include(t => t.Versions).SingleAsync(t => t.Id == id, Ct);
            stolen.Draft!.AddSection("intruder", new LocalizedText("x", "x"));
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Equal(before, await ContentAsync(libraryA, id, 2));
        Assert.NotEqual(hospitalA.Id, hospitalB.Id);
    }

    private async Task<(Organisation Hospital, QuestionnaireLibraryService Library)> HospitalAsync(DatabaseProvider provider)
    {
        var hospital = await apps[provider].CreateOrganisationAsync(OrganisationKind.Hospital);
        return (hospital, TenantLibrary.For(apps[provider], hospital.Id));
    }

    /// <summary>A published version 1: section "access" with "remote" and "mfa" (shown when remote = yes).</summary>
    private static async Task<Guid> PublishedTemplateAsync(QuestionnaireLibraryService library)
    {
        var json = """
            { "format": "vendorrisk-questionnaire", "formatVersion": 1, "name": { "fr": "Accès distant", "en": "Remote access" },
              "sections": [ { "key": "access", "title": { "fr": "Accès", "en": "Access" }, "questions": [
                { "key": "remote", "type": "yesNo", "text": { "fr": "Accès distant ?", "en": "Remote access?" }, "controls": [ { "framework": "nist-csf-2.0", "id": "PR.AA-05" } ] },
                { "key": "mfa", "type": "yesNo", "text": { "fr": "MFA ?", "en": "MFA?" },
                  "visibleWhen": { "question": "remote", "operator": "equals", "value": "yes" },
                  "controls": [ { "framework": "nist-csf-2.0", "id": "PR.AA-03" } ] } ] } ] }
            """;
        var imported = await library.ImportJsonAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), Ct);
        Assert.Null(imported.Error);
        Assert.True((await library.PublishAsync(imported.TemplateId!.Value, Ct)).Published);
        return imported.TemplateId.Value;
    }

    private static async Task<string> ContentAsync(QuestionnaireLibraryService library, Guid id, int number) =>
        (await library.GetAsync(id, Ct))!.Versions.Single(v => v.Number == number).Content;
}
