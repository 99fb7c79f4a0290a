using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Demo;

/// <summary>
/// Loads <see cref="DemoData"/> once into an empty database. The host calls it only in the
/// Development environment; it is idempotent (an existing "CHU Demo" means nothing is done).
/// </summary>
public sealed partial class DemoDataSeeder(
    PlatformDbContextFactory contexts,
    UserManager<ApplicationUser> users,
    IOpenIddictApplicationManager applications,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    // Where Identity's user store keeps the authenticator key (UserStoreBase's internal names).
    private const string AuthenticatorKeyProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.CreateSystemContext();
        if (await db.Organisations.AnyAsync(o => o.Name == DemoData.HospitalName, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var organisations = DemoData.Organisations.ToDictionary(o => o.Name, o => new Organisation(o.Name, o.Kind, now));
        db.Organisations.AddRange(organisations.Values);
        await db.SaveChangesAsync(cancellationToken);

        var userIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in DemoData.Accounts)
        {
            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                CreatedAtUtc = now,
                CurrentOrganisationId = organisations[account.OrganisationName].Id,
            };
            var created = await users.CreateAsync(user, DemoData.Password);
            userIds[account.Email] = user.Id;
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo user {account.Email} could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            // MFA pre-enrolled with the README's key, so a newcomer can sign in with any authenticator app.
            await users.SetAuthenticationTokenAsync(user, AuthenticatorKeyProvider, AuthenticatorKeyName, account.TotpSecret);
            await users.SetTwoFactorEnabledAsync(user, true);

            db.Memberships.Add(new Membership(organisations[account.OrganisationName], user.Id, account.Role, now));
        }

        await db.SaveChangesAsync(cancellationToken);

        var (eprUse, helios) = SeedVendorRegister(db, organisations, now);
        await db.SaveChangesAsync(cancellationToken);
        SeedAssessments(db, organisations, eprUse, helios, userIds, now);
        await db.SaveChangesAsync(cancellationToken);
        await DemoApiClient.SeedAsync(db, applications, organisations[DemoData.HospitalName], (await users.FindByEmailAsync(DemoData.Accounts[0].Email))!.Id, now, cancellationToken);
        LogSeeded(logger, DemoData.Accounts.Count, DemoData.Organisations.Count);
    }

    /// <summary>
    /// CHU Demo's register: its EPR vendor (the MediBoard-like Critical case: 750,000 patients'
    /// clinical records, privileged remote access, a shared support account without MFA) and its
    /// laboratory-system vendor (High). Dates are relative to today so the alerts stay meaningful.
    /// </summary>
    private static (Engagement EprUse, Vendor Helios) SeedVendorRegister(VendorRiskDbContext db, Dictionary<string, Organisation> organisations, DateTimeOffset now)
    {
        var hospital = organisations[DemoData.HospitalName].Id;
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var helios = new Vendor(hospital, DemoData.EprVendorName, "FR", DemoData.EprVendorSiret, now);
        helios.SetWebsite("https://www.helios-dpi.example");
        helios.SetSecurityContact("Farid Haddad", "securite@helios-dpi.example", "+33 1 23 45 67 89");
        helios.LinkOrganisation(organisations[DemoData.EprVendorName]);

        var biolab = new Vendor(hospital, DemoData.LabVendorName, "FR", DemoData.LabVendorSiret, now);
        biolab.SetWebsite("https://www.biolab-systemes.example");
        biolab.SetSecurityContact("Gaëlle Roux", "qualite@biolab-systemes.example", null);
        biolab.LinkOrganisation(organisations[DemoData.LabVendorName]);

        // Helios hosts its EPR at an HDS-certified host that the lab vendor also relies on.
        var host = new Vendor(hospital, "Nuage Santé Hébergement", "FR", null, now);
        helios.AddSubProcessor(host, _ => [], now);
        biolab.AddSubProcessor(host, id => id == helios.Id ? [host.Id] : [], now);

        var epr = new Product(helios, "Helios DPI", ProductCategory.ElectronicPatientRecord);
        var lab = new Product(biolab, "BioLab SGL", ProductCategory.LaboratorySystem);

        var eprUse = new Engagement(
            epr,
            "Dr Hélène Garnier, DIM",
            today.AddYears(-6),
            HostingModel.HdsCertifiedHost,
            "HDS-2023-0117",
            DataCategories.Identity | DataCategories.Contact | DataCategories.Clinical | DataCategories.Prescriptions | DataCategories.HealthInsurance,
            750_000,
            VendorAccess.Privileged,
            4);
        eprUse.SetEstablishments(["Hôpital Nord", "Hôpital Sud", "Maternité"]);
        eprUse.SetIntegrationPoints(["HL7 ADT feed from the patient administration system", "Lab results (HPRIM) from BioLab SGL", "DMP (national shared record)"]);
        eprUse.AddPrivilegedAccount(AccountHolderKind.SharedAccount, "helios-support", AccessPath.Vpn, mfaEnabled: false, today.AddMonths(-14), today.AddMonths(-2));
        eprUse.AddPrivilegedAccount(AccountHolderKind.NamedPerson, "Farid Haddad", AccessPath.Bastion, mfaEnabled: true, today.AddMonths(-5), today.AddDays(20));
        var main = eprUse.AddContract(ContractType.MainContract, "Helios DPI licence and maintenance");
        eprUse.UpdateContract(main.Id, main.Title, today.AddYears(-6), today.AddYears(-6), today.AddDays(75), today.AddDays(-15), SecurityClauses.AuditRight | SecurityClauses.DataReturnOrDestruction, null);
        var dpa = eprUse.AddContract(ContractType.DataProcessingAgreement, "Helios DPA 2019");
        eprUse.UpdateContract(dpa.Id, dpa.Title, today.AddYears(-6), today.AddYears(-6), null, null, SecurityClauses.AuditRight | SecurityClauses.DataLocationInEea | SecurityClauses.Encryption, null);

        var labUse = new Engagement(
            lab,
            "Pr Marc Lefèvre, biology",
            today.AddYears(-3),
            HostingModel.OnPremises,
            null,
            DataCategories.Identity | DataCategories.Clinical,
            60_000,
            VendorAccess.SupportOnRequest,
            24);
        labUse.SetEstablishments(["Hôpital Nord"]);
        labUse.SetIntegrationPoints(["Results to Helios DPI (HPRIM)", "Analysers middleware"]);
        var labDpa = labUse.AddContract(ContractType.DataProcessingAgreement, "BioLab DPA 2023");
        labUse.UpdateContract(
            labDpa.Id,
            labDpa.Title,
            today.AddYears(-3),
            today.AddYears(-3),
            today.AddYears(2),
            today.AddYears(2).AddMonths(-6),
            SecurityClauses.BreachNotification | SecurityClauses.AuditRight | SecurityClauses.SubProcessorApproval
                | SecurityClauses.DataReturnOrDestruction | SecurityClauses.Encryption | SecurityClauses.DataLocationInEea,
            24);

        db.Vendors.AddRange(helios, biolab, host);
        db.Products.AddRange(epr, lab);
        db.Engagements.AddRange(eprUse, labUse);
        return (eprUse, helios);
    }

    /// <summary>
    /// Published copies of the built-in baseline and triage (what the launch suggests by tier) and
    /// one assessment of the EPR engagement sent to Helios, answered by Farid, due in two weeks.
    /// </summary>
    private static void SeedAssessments(VendorRiskDbContext db, Dictionary<string, Organisation> organisations, Engagement eprUse, Vendor helios, Dictionary<string, string> userIds, DateTimeOffset now)
    {
        var hospital = organisations[DemoData.HospitalName].Id;
        TemplateVersion? baseline = null;
        foreach (var key in new[] { BuiltInTemplate.ClinicalSoftwareBaselineKey, BuiltInTemplate.QuickTriageKey })
        {
            var template = QuestionnaireTemplate.CopyOf(BuiltInTemplate.Get(key), now);
            template.AssignTenant(hospital);
            var published = template.PublishDraft(ControlCatalogue.Default, now);
            foreach (var version in template.Versions)
            {
                version.AssignTenant(hospital);
            }

            baseline ??= published;
            db.QuestionnaireTemplates.Add(template);
        }

        var farid = DemoData.Accounts.Single(a => a.OrganisationName == DemoData.EprVendorName);
        var assessment = new Assessment(
            hospital, eprUse.Id, helios.Id, organisations[DemoData.EprVendorName].Id, baseline!.Id,
            "Socle logiciel clinique · Helios DPI", eprUse.EffectiveTier, DateOnly.FromDateTime(now.UtcDateTime).AddDays(14),
            userIds["achats@chu-demo.example"], now);
        assessment.AddRespondent(userIds[farid.Email], farid.Email, farid.DisplayName);
        assessment.Send(now);
        db.Assessments.Add(assessment);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded: {Users} users in {Organisations} organisations.")]
    private static partial void LogSeeded(ILogger logger, int users, int organisations);
}
