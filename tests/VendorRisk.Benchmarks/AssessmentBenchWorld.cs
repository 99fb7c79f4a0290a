using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Benchmarks;

/// <summary>
/// A hospital that sent a published questionnaire of <c>questions</c> questions (yes/no, yes/no/partial/N-A
/// and free text, 20 per section) to one vendor organisation, as <c>assessments</c> assessments in
/// progress; vendor users act through the real <c>PortalService</c>, as a portal circuit does.
/// </summary>
internal sealed class AssessmentBenchWorld
{
    private AssessmentBenchWorld(BenchmarkApp app, Guid vendorOrganisationId, IReadOnlyList<Guid> assessmentIds, IReadOnlyList<Question> questions)
    {
        App = app;
        VendorOrganisationId = vendorOrganisationId;
        AssessmentIds = assessmentIds;
        Questions = questions;
    }

    public BenchmarkApp App { get; }

    public Guid VendorOrganisationId { get; }

    public IReadOnlyList<Guid> AssessmentIds { get; }

    public IReadOnlyList<Question> Questions { get; }

    public static async Task<AssessmentBenchWorld> CreateAsync(BenchmarkApp app, int questions, int assessments)
    {
        var now = DateTimeOffset.UtcNow;
        Guid vendorOrganisationId;
        await using (var scope = app.App.Services.CreateAsyncScope())
        await using (var system = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext())
        {
            var vendorOrganisation = new Organisation("Helios Benchmark", OrganisationKind.Vendor, now);
            system.Add(vendorOrganisation);
            await system.SaveChangesAsync();
            vendorOrganisationId = vendorOrganisation.Id;
        }

        await using var outer = app.App.Services.CreateAsyncScope();
        await using var db = outer.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(app.HospitalId);
        var template = QuestionnaireTemplate.Create(new LocalizedText("Socle", "Baseline"), null, now);
        var version = template.LatestVersion;
        for (var s = 0; s * 20 < questions; s++)
        {
            var section = string.Create(CultureInfo.InvariantCulture, $"s{s:D2}");
            version.AddSection(section, new LocalizedText($"Section {s}", $"Section {s}"));
            for (var q = s * 20; q < Math.Min(questions, (s + 1) * 20); q++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"q{q:D4}");
                var type = (q % 3) switch { 0 => QuestionType.YesNo, 1 => QuestionType.YesNoPartialNa, _ => QuestionType.FreeText };
                var question = version.AddQuestion(section, key, type, new LocalizedText($"Question {q} ?", $"Question {q}?"));
                question.SetRequired(q % 2 == 0);
                question.SetHelpText(new LocalizedText("Aide", "Help text explaining what the hospital expects."));
            }
        }

        template.PublishDraft(ControlCatalogue.Default, now);
        db.QuestionnaireTemplates.Add(template);

        var vendor = new Vendor(app.HospitalId, "Helios Benchmark", "BE", "REG-BENCH", now);
        var organisation = await db.Organisations.FindAsync(vendorOrganisationId);
        vendor.LinkOrganisation(organisation!);
        var product = new Product(vendor, "Helios DPI", ProductCategory.ElectronicPatientRecord);
        var engagement = new Engagement(product, "DIM", DateOnly.FromDateTime(now.UtcDateTime).AddYears(-1), HostingModel.OnPremises, null, DataCategories.Identity | DataCategories.Clinical, 1000, VendorAccess.SupportOnRequest, 24);
        db.Vendors.Add(vendor);
        db.Products.Add(product);
        db.Engagements.Add(engagement);
        await db.SaveChangesAsync();

        var ids = new List<Guid>();
        for (var i = 0; i < assessments; i++)
        {
            var assessment = new Assessment(
                app.HospitalId, engagement.Id, vendor.Id, vendorOrganisationId, version.Id, $"Baseline {i}", engagement.EffectiveTier,
                DateOnly.FromDateTime(now.UtcDateTime).AddDays(30), "benchmark-user", now);
            assessment.AddRespondent(null, $"respondent{i}@helios.example", $"Respondent {i}");
            assessment.Send(now);
            db.Assessments.Add(assessment);
            ids.Add(assessment.Id);
        }

        await db.SaveChangesAsync();
        return new AssessmentBenchWorld(app, vendorOrganisationId, ids, version.Questions.ToList());
    }

    /// <summary>A scope acting as vendor user <paramref name="index"/> (a VendorContributor), as a portal circuit does.</summary>
    public AsyncServiceScope ScopeAsRespondent(int index)
    {
        var scope = App.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, string.Create(CultureInfo.InvariantCulture, $"respondent-{index}")),
                new Claim(ClaimTypes.Email, string.Create(CultureInfo.InvariantCulture, $"respondent{index}@helios.example")),
                new Claim(VendorRiskClaimTypes.OrganisationId, VendorOrganisationId.ToString()),
                new Claim(VendorRiskClaimTypes.OrganisationKind, OrganisationKind.Vendor.ToString()),
                new Claim(VendorRiskClaimTypes.Role, OrganisationRole.VendorContributor.ToString()),
            ],
            "Benchmark")));
        return scope;
    }

    /// <summary>An answer that fits <paramref name="question"/>, varied by <paramref name="round"/>.</summary>
    public static AnswerValue AnswerFor(Question question, int round) => question.Type switch
    {
        QuestionType.YesNo => AnswerValue.OfOptions(round % 2 == 0 ? Question.Yes : "no"),
        QuestionType.YesNoPartialNa => AnswerValue.OfOptions(round % 2 == 0 ? "partial" : Question.Yes),
        _ => AnswerValue.OfText(string.Create(CultureInfo.InvariantCulture, $"Answer typed in round {round}: MFA on every support account, reviewed quarterly.")),
    };
}
