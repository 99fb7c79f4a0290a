using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Assessments;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>A saved view as the list page shows it; <see cref="Query"/> is the canonical filters query string.</summary>
public sealed record SavedViewRow(Guid Id, string Name, string Query);

/// <summary>
/// The assessment list's saved views: personal to the signed-in user within the organisation they
/// act for. The tenant filter keeps other organisations out; every query here also names the
/// user, so a colleague's views are never listed, renamed or deleted (their ids find nothing).
/// </summary>
public sealed class SavedViewService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    CurrentUser currentUser,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    private ClaimsPrincipal User => currentUser.Principal;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public async Task<IReadOnlyList<SavedViewRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentRead) || UserId.Length == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = UserId;
        var rows = await db.SavedAssessmentViews.AsNoTracking()
            .Where(v => v.UserId == userId)
            .Select(v => new SavedViewRow(v.Id, v.Name, v.Query))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Every questionnaire template of the library, for the list's template filter.</summary>
    public async Task<IReadOnlyList<TemplateChoice>> FilterTemplatesAsync(CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentRead))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.QuestionnaireTemplates.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        return AssessmentSettingsService.Choices(rows.Select(r => (r.Id, r.Name)));
    }

    /// <summary>Saves <paramref name="filters"/> under a new name.</summary>
    public async Task<AssessmentResult> SaveAsync(string? name, AssessmentFilters filters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (!User.Allows(Policies.AssessmentRead) || UserId.Length == 0)
        {
            return AssessmentResult.Fail(l["AccessDenied_Text"]);
        }

        if (Validate(name) is { } invalid)
        {
            return invalid;
        }

        var query = filters.ToQueryString();
        if (query.Length > SavedAssessmentView.QueryMaxLength)
        {
            return AssessmentResult.Fail(l["Views_Error_TooLong"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = UserId;
        var key = SavedAssessmentView.KeyOf(name!);
        var mine = await db.SavedAssessmentViews.Where(v => v.UserId == userId).Select(v => new { v.NameKey, v.Name }).ToListAsync(cancellationToken);
        if (mine.FirstOrDefault(v => v.NameKey == key) is { } same)
        {
            return AssessmentResult.Fail(l["Views_Error_Duplicate", same.Name]);
        }

        if (mine.Count >= SavedAssessmentView.MaxPerUser)
        {
            return AssessmentResult.Fail(l["Views_Error_TooMany", SavedAssessmentView.MaxPerUser]);
        }

        var view = new SavedAssessmentView(userId, name!, query, clock.GetUtcNow());
        db.SavedAssessmentViews.Add(view);
        return await SaveChangesAsync(db, view, name!, cancellationToken);
    }

    public async Task<AssessmentResult> RenameAsync(Guid id, string? name, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentRead) || UserId.Length == 0)
        {
            return AssessmentResult.Fail(l["AccessDenied_Text"]);
        }

        if (Validate(name) is { } invalid)
        {
            return invalid;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = UserId;
        var view = await db.SavedAssessmentViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == userId, cancellationToken);
        if (view is null)
        {
            return AssessmentResult.Fail(l["Views_Error_NotFound"]);
        }

        var key = SavedAssessmentView.KeyOf(name!);
        var same = await db.SavedAssessmentViews.Where(v => v.UserId == userId && v.NameKey == key && v.Id != id).Select(v => v.Name).FirstOrDefaultAsync(cancellationToken);
        if (same is not null)
        {
            return AssessmentResult.Fail(l["Views_Error_Duplicate", same]);
        }

        view.Rename(name!, clock.GetUtcNow());
        return await SaveChangesAsync(db, view, name!, cancellationToken);
    }

    /// <summary>Replaces a view's filters with <paramref name="filters"/> (the name stays).</summary>
    public async Task<AssessmentResult> UpdateFiltersAsync(Guid id, AssessmentFilters filters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (!User.Allows(Policies.AssessmentRead) || UserId.Length == 0)
        {
            return AssessmentResult.Fail(l["AccessDenied_Text"]);
        }

        var query = filters.ToQueryString();
        if (query.Length > SavedAssessmentView.QueryMaxLength)
        {
            return AssessmentResult.Fail(l["Views_Error_TooLong"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = UserId;
        var view = await db.SavedAssessmentViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == userId, cancellationToken);
        if (view is null)
        {
            return AssessmentResult.Fail(l["Views_Error_NotFound"]);
        }

        view.ChangeQuery(query, clock.GetUtcNow());
        return await SaveChangesAsync(db, view, view.Name, cancellationToken);
    }

    public async Task<AssessmentResult> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.AssessmentRead) || UserId.Length == 0)
        {
            return AssessmentResult.Fail(l["AccessDenied_Text"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = UserId;
        var view = await db.SavedAssessmentViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == userId, cancellationToken);
        if (view is null)
        {
            return AssessmentResult.Fail(l["Views_Error_NotFound"]);
        }

        db.SavedAssessmentViews.Remove(view);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted in another tab meanwhile: the outcome the user asked for.
        }

        return AssessmentResult.Ok(id);
    }

    private AssessmentResult? Validate(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return AssessmentResult.Fail(l["Views_Error_NameRequired"]);
        }

        if (trimmed.Length > SavedAssessmentView.NameMaxLength)
        {
            return AssessmentResult.Fail(l["Views_Error_NameTooLong", SavedAssessmentView.NameMaxLength, trimmed.Length]);
        }

        return SavedAssessmentView.CleanName(trimmed) is null ? AssessmentResult.Fail(l["Views_Error_NameInvalid"]) : null;
    }

    private async Task<AssessmentResult> SaveChangesAsync(VendorRiskDbContext db, SavedAssessmentView view, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return AssessmentResult.Ok(view.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AssessmentResult.Fail(l["Views_Error_NotFound"]);
        }
        catch (DbUpdateException)
        {
            // Another tab saved the same name at the same moment: the unique index refused this one.
            return AssessmentResult.Fail(l["Views_Error_Duplicate", name.Trim()]);
        }
    }
}
