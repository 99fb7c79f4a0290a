using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Portal;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>
/// A hospital with a published questionnaire and an engagement of a vendor linked to its own
/// organisation, which has two users. The questionnaire: "mfa" (yes/no, required, critical),
/// "mfa_how" (free text, required, shown only when mfa = yes), "iso" (evidence request), "notes".
/// </summary>
internal sealed record AssessmentWorld(
    VendorRiskAppFactory App,
    Hospital Hospital,
    Organisation VendorOrganisation,
    TestUser VendorAdmin,
    TestUser VendorColleague,
    Guid EngagementId,
    Guid VersionId)
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static async Task<AssessmentWorld> CreateAsync(VendorRiskAppFactory app)
    {
        var hospital = await Hospital.CreateAsync(app);
        var vendorOrganisation = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var admin = await app.CreateUserAsync(vendorOrganisation, OrganisationRole.VendorAdmin, "Farid Haddad");
        var colleague = await app.CreateUserAsync(vendorOrganisation, OrganisationRole.VendorContributor, "Inès Colin");
        var register = await Register.CreateAsync(app, hospital);

        await using var db = new PlatformDbContextFactory(app.Services.GetRequiredService<DbContextOptions<VendorRiskDbContext>>()).CreateForTenant(hospital.Organisation.Id);
        var vendor = await db.Vendors.SingleAsync(v => v.Id == register.VendorId);
        vendor.LinkOrganisation(vendorOrganisation);

        var template = QuestionnaireTemplate.Create(new LocalizedText("Sécurité", "Security"), null, Now);
        var version = template.LatestVersion;
        version.AddSection("access", new LocalizedText("Accès", "Access"));
        var mfa = version.AddQuestion("access", "mfa", QuestionType.YesNo, new LocalizedText("MFA ?", "MFA on support accounts?"));
        mfa.SetRequired(true);
        mfa.SetCritical(true);
        mfa.SetHelpText(new LocalizedText("Comptes de support", "Support accounts"));
        var how = version.AddQuestion("access", "mfa_how", QuestionType.FreeText, new LocalizedText("Comment ?", "Which factor?"));
        how.SetRequired(true);
        how.SetVisibleWhen(new AnswerCondition("mfa", ConditionOperator.Equals, [Question.Yes]));
        version.AddSection("proof", new LocalizedText("Preuves", "Evidence"));
        var iso = version.AddQuestion("proof", "iso", QuestionType.EvidenceRequest, new LocalizedText("ISO 27001", "ISO 27001 certificate"));
        iso.SetEvidenceRequest([EvidenceType.Iso27001Certificate], mustNotBeExpired: true);
        version.AddQuestion("proof", "notes", QuestionType.FreeText, new LocalizedText("Notes", "Notes"));
        template.PublishDraft(ControlCatalogue.Default, Now);
        db.QuestionnaireTemplates.Add(template);
        await db.SaveChangesAsync();

        return new AssessmentWorld(app, hospital, vendorOrganisation, admin, colleague, register.EngagementId, version.Id);
    }

    public async Task<Guid> LaunchAsync(DateTime? dueOn = null)
    {
        await using var scope = await App.ScopeForAsync(Hospital.Procurement);
        var result = await scope.ServiceProvider.GetRequiredService<AssessmentService>().LaunchAsync(
            new LaunchForm
            {
                EngagementIds = [EngagementId],
                TemplateVersionId = VersionId,
                DueOn = dueOn ?? DateTime.UtcNow.Date.AddDays(30),
                RespondentUserIds = [VendorAdmin.Id, VendorColleague.Id],
                OwnerUserId = Hospital.Procurement.Id,
            },
            "http://localhost/");
        Assert.True(result.Succeeded, result.Error);
        return result.Id!.Value;
    }

    public async Task<T> AsAsync<T>(TestUser user, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await App.ScopeForAsync(user);
        return await action(scope.ServiceProvider);
    }

    public Task<T> AsVendorAsync<T>(TestUser user, Func<PortalService, Task<T>> action) =>
        AsAsync(user, sp => action(sp.GetRequiredService<PortalService>()));

    public Task<T> AsHospitalAsync<T>(TestUser user, Func<AssessmentService, Task<T>> action) =>
        AsAsync(user, sp => action(sp.GetRequiredService<AssessmentService>()));
}
