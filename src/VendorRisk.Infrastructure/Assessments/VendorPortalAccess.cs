using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Assessments;

/// <summary>An assessment as a vendor's to-do list shows it, whichever hospital sent it.</summary>
public sealed record PortalAssessmentSummary(
    Guid Id,
    Guid HospitalId,
    string HospitalName,
    string Title,
    AssessmentStatus Status,
    DateOnly DueOn,
    decimal CompletionPercent);

/// <summary>
/// The vendor portal's one explicit path across tenants (docs/security.md, "Vendor portal").
/// An assessment belongs to the hospital that sent it; the vendor organisation it is addressed to
/// reaches it only here, and only by <see cref="Assessment.VendorOrganisationId"/>:
/// <list type="bullet">
/// <item><see cref="ListAsync"/> lifts the tenant filter on the <c>Assessments</c> set alone and
/// replaces it by <c>VendorOrganisationId == vendor</c>;</item>
/// <item><see cref="OpenAsync"/> checks that one assessment is addressed to the vendor and then
/// hands back a context acting for the owning hospital, whose tenant filter and save guard stay
/// on: every further read and write is the hospital's data, as if the hospital did it, and the
/// caller must keep to the rows of that assessment (the portal service does, and never reads
/// internal comments).</item>
/// </list>
/// The tenant filter is never disabled for any other set, and nothing here takes a hospital id
/// from the caller.
/// </summary>
public sealed class VendorPortalAccess(PlatformDbContextFactory platform)
{
    public async Task<IReadOnlyList<PortalAssessmentSummary>> ListAsync(Guid vendorOrganisationId, CancellationToken cancellationToken = default)
    {
        if (vendorOrganisationId == Guid.Empty)
        {
            return [];
        }

        await using var db = platform.CreateForTenant(vendorOrganisationId);
        var rows = await (
                from a in db.Assessments.IgnoreQueryFilters([TenantModelConventions.FilterName])
                join o in db.Organisations on a.TenantId equals o.Id
                where a.VendorOrganisationId == vendorOrganisationId && a.Status != AssessmentStatus.Draft
                select new PortalAssessmentSummary(a.Id, a.TenantId, o.Name, a.Title, a.Status, a.DueOn, a.CompletionPercent))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Status is AssessmentStatus.Completed or AssessmentStatus.Cancelled).ThenBy(r => r.DueOn).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A context acting for the hospital that owns <paramref name="assessmentId"/>, or null when
    /// that assessment does not exist, is a draft, or is addressed to another vendor organisation
    /// (the three are answered alike). The caller disposes the context.
    /// </summary>
    public async Task<PortalSession?> OpenAsync(Guid assessmentId, Guid vendorOrganisationId, CancellationToken cancellationToken = default)
    {
        if (vendorOrganisationId == Guid.Empty)
        {
            return null;
        }

        Guid hospitalId;
        string hospitalName;
        await using (var probe = platform.CreateForTenant(vendorOrganisationId))
        {
            var found = await (
                    from a in probe.Assessments.IgnoreQueryFilters([TenantModelConventions.FilterName])
                    join o in probe.Organisations on a.TenantId equals o.Id
                    where a.Id == assessmentId && a.VendorOrganisationId == vendorOrganisationId && a.Status != AssessmentStatus.Draft
                    select new { a.TenantId, o.Name, o.Kind })
                .AsNoTracking()
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null || found.Kind != OrganisationKind.Hospital)
            {
                return null;
            }

            hospitalId = found.TenantId;
            hospitalName = found.Name;
        }

        var db = platform.CreateForTenant(hospitalId);
        var assessment = await db.Assessments.Include(a => a.Respondents).SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        if (assessment is null || assessment.VendorOrganisationId != vendorOrganisationId)
        {
            await db.DisposeAsync();
            return null;
        }

        return new PortalSession(db, assessment, hospitalName);
    }

    /// <summary>
    /// Whether an answer of an assessment <paramref name="hospitalId"/> addressed to
    /// <paramref name="vendorOrganisationId"/> still has evidence version <paramref name="versionId"/>
    /// attached (a share is per version and hospital, so detaching from one answer must not withdraw
    /// what another still shows). Read-only, and limited like <see cref="ListAsync"/> to
    /// assessments addressed to the vendor.
    /// </summary>
    public async Task<bool> IsEvidenceAttachedAsync(Guid vendorOrganisationId, Guid hospitalId, Guid versionId, CancellationToken cancellationToken = default)
    {
        if (vendorOrganisationId == Guid.Empty)
        {
            return false;
        }

        var needle = versionId.ToString();
        await using var db = platform.CreateForTenant(vendorOrganisationId);
        var values = await (
                from a in db.AssessmentAnswers.IgnoreQueryFilters([TenantModelConventions.FilterName])
                join s in db.Assessments.IgnoreQueryFilters([TenantModelConventions.FilterName]) on a.AssessmentId equals s.Id
                where s.TenantId == hospitalId && a.TenantId == hospitalId && s.VendorOrganisationId == vendorOrganisationId && a.Value.Contains(needle)
                select a.Value)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return values.Exists(v => AnswerValue.FromJson(v).Evidence.Contains(versionId));
    }
}

/// <summary>A person of an organisation, for respondent, owner and delegate choices.</summary>
public sealed record OrganisationPerson(string UserId, string DisplayName, string Email);

/// <summary>
/// The people of one organisation. Used by a hospital to pick respondents among the users of a
/// vendor organisation its register links (the caller checks that link), and by a vendor to pick a
/// colleague for a delegation. Reads only memberships of that one organisation, through a context
/// acting for it; never writes.
/// </summary>
public sealed class OrganisationPeople(PlatformDbContextFactory platform)
{
    public async Task<IReadOnlyList<OrganisationPerson>> OfAsync(Guid organisationId, CancellationToken cancellationToken = default)
    {
        if (organisationId == Guid.Empty)
        {
            return [];
        }

        await using var db = platform.CreateForTenant(organisationId);
        var people = await (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                select new OrganisationPerson(u.Id, u.DisplayName, u.Email ?? string.Empty))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return people.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();
    }
}

/// <summary>One assessment opened for its vendor: the hospital-scoped context and the tracked assessment.</summary>
public sealed class PortalSession(VendorRiskDbContext db, Assessment assessment, string hospitalName) : IAsyncDisposable
{
    public VendorRiskDbContext Db { get; } = db;

    public Assessment Assessment { get; } = assessment;

    public string HospitalName { get; } = hospitalName;

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
