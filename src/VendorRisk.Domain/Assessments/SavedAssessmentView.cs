using System.Diagnostics.CodeAnalysis;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Assessments;

/// <summary>
/// A named set of assessment-list filters kept by one user of one organisation (issue 6: "filters
/// and saved views"). Personal: only its owner lists, renames or deletes it. The filters are
/// stored as the list page's URL query string, the same text a bookmark or a shared link carries,
/// so a view and a link can never mean different things.
/// </summary>
public sealed class SavedAssessmentView : TenantOwnedEntity
{
    public const int NameMaxLength = 80;
    public const int QueryMaxLength = 1000;
    public const int UserIdMaxLength = 450;

    /// <summary>How many views one user may keep in one organisation.</summary>
    public const int MaxPerUser = 50;

    private SavedAssessmentView()
    {
        UserId = string.Empty;
        Name = string.Empty;
        NameKey = string.Empty;
        Query = string.Empty;
    }

    public SavedAssessmentView(string userId, string name, string query, DateTimeOffset nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (userId.Length > UserIdMaxLength)
        {
            throw new ArgumentException("The user id is too long.", nameof(userId));
        }

        UserId = userId;
        Rename(name, nowUtc);
        ChangeQuery(query, nowUtc);
        CreatedAtUtc = nowUtc.ToUniversalTime();
    }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name folded for uniqueness: "Overdue" and " overdue " are the same view name.</summary>
    public string NameKey { get; private set; }

    /// <summary>The filters as a URL query string without the leading '?', e.g. <c>status=Sent&amp;overdue=true</c>.</summary>
    public string Query { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public DateTimeOffset UpdatedAtUtc { get; private set; }

    /// <summary>The trimmed name, or null when it is empty or longer than <see cref="NameMaxLength"/>.</summary>
    public static string? CleanName(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > NameMaxLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    public static string KeyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant();
    }

    [MemberNotNull(nameof(Name), nameof(NameKey))]
    public void Rename(string name, DateTimeOffset nowUtc)
    {
        Name = CleanName(name) ?? throw new ArgumentException($"A view name has 1 to {NameMaxLength} characters.", nameof(name));
        NameKey = KeyOf(Name);
        UpdatedAtUtc = nowUtc.ToUniversalTime();
    }

    [MemberNotNull(nameof(Query))]
    public void ChangeQuery(string query, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(query);
        var trimmed = query.TrimStart('?');
        if (trimmed.Length > QueryMaxLength)
        {
            throw new ArgumentException($"A view's filters take at most {QueryMaxLength} characters.", nameof(query));
        }

        Query = trimmed;
        UpdatedAtUtc = nowUtc.ToUniversalTime();
    }
}
