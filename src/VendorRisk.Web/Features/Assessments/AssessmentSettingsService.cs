using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>A questionnaire template as a choice (its id, its name in the user's language).</summary>
public sealed record TemplateChoice(Guid TemplateId, string Name);

/// <summary>The organisation's assessment settings as the settings page edits them.</summary>
public sealed class AssessmentSettingsForm
{
    public Guid? MediumTierTemplateId { get; set; }

    public int CriticalMonths { get; set; } = AssessmentSettings.DefaultMonths(RiskTier.Critical);

    public int HighMonths { get; set; } = AssessmentSettings.DefaultMonths(RiskTier.High);

    public int MediumMonths { get; set; } = AssessmentSettings.DefaultMonths(RiskTier.Medium);

    public int LowMonths { get; set; } = AssessmentSettings.DefaultMonths(RiskTier.Low);
}

/// <summary>
/// Reads and changes the hospital's assessment settings (policy <see cref="Policies.AssessmentSettingsEdit"/>):
/// the template suggested for Medium-tier engagements and the reassessment interval per tier.
/// Changes are audited as record changes (the audit interceptor). Launch and completion read the
/// settings through <see cref="ForTenantAsync"/>.
/// </summary>
public sealed class AssessmentSettingsService(IDbContextFactory<VendorRiskDbContext> contexts, CurrentUser currentUser, IStringLocalizer<SharedResource> l)
{
    /// <summary>The settings of the context's organisation, or the defaults when it never saved any.</summary>
    public static async Task<AssessmentSettings> ForTenantAsync(VendorRiskDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.AssessmentSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new AssessmentSettings();
    }

    /// <summary>Templates with at least one published version (what launch can send), in the user's language.</summary>
    public static async Task<IReadOnlyList<TemplateChoice>> PublishedTemplatesAsync(VendorRiskDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.QuestionnaireTemplates.AsNoTracking()
            .Where(t => db.TemplateVersions.Any(v => v.TemplateId == t.Id && v.Status == TemplateVersionStatus.Published))
            .Select(t => new { t.Id, t.Name })
            .ToListAsync(cancellationToken);
        return Choices(rows.Select(r => (r.Id, r.Name)));
    }

    internal static IReadOnlyList<TemplateChoice> Choices(IEnumerable<(Guid Id, LocalizedText Name)> rows)
    {
        var isFrench = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        return rows.Select(r => new TemplateChoice(r.Id, isFrench ? r.Name.Fr : r.Name.En))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    public async Task<(AssessmentSettingsForm Form, IReadOnlyList<TemplateChoice> Templates)> GetAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await ForTenantAsync(db, cancellationToken);
        var form = new AssessmentSettingsForm
        {
            MediumTierTemplateId = settings.MediumTierTemplateId,
            CriticalMonths = settings.CriticalReassessmentMonths,
            HighMonths = settings.HighReassessmentMonths,
            MediumMonths = settings.MediumReassessmentMonths,
            LowMonths = settings.LowReassessmentMonths,
        };
        return (form, await PublishedTemplatesAsync(db, cancellationToken));
    }

    /// <summary>Saves the settings; returns null on success, else the localised reason nothing was saved.</summary>
    public async Task<string?> SaveAsync(AssessmentSettingsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        Demand();
        int[] months = [form.CriticalMonths, form.HighMonths, form.MediumMonths, form.LowMonths];
        if (months.Any(m => !AssessmentSettings.IsValidMonths(m)))
        {
            return l["AssessSettings_Invalid_Months", AssessmentSettings.MinMonths, AssessmentSettings.MaxMonths];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (form.MediumTierTemplateId is { } templateId
            && (await PublishedTemplatesAsync(db, cancellationToken)).All(t => t.TemplateId != templateId))
        {
            return l["AssessSettings_Invalid_Template"];
        }

        var settings = await db.AssessmentSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new AssessmentSettings();
            db.AssessmentSettings.Add(settings);
        }

        settings.Change(form.MediumTierTemplateId, form.CriticalMonths, form.HighMonths, form.MediumMonths, form.LowMonths);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two people created the settings at once: the other one's values stand.
            return l["AssessSettings_Concurrent"];
        }

        return null;
    }

    private void Demand()
    {
        if (!currentUser.Principal.Allows(Policies.AssessmentSettingsEdit))
        {
            throw new UnauthorizedAccessException();
        }
    }
}
