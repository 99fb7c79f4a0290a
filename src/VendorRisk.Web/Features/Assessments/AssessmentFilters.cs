using System.Globalization;
using System.Text;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>
/// The assessment list's filters and their URL form (<c>/assessments?status=Sent&amp;overdue=true</c>):
/// the page writes the URL on every change, so a filtered list can be bookmarked or shared, and a
/// saved view stores exactly this query string. Parsing is lenient — a hand-edited link with an
/// unknown value loses that value only, and <see cref="ParseResult.Ignored"/> says which.
/// </summary>
public sealed record AssessmentFilters(
    string? Search = null,
    AssessmentStatus? Status = null,
    RiskTier? Tier = null,
    bool OverdueOnly = false,
    bool OpenOnly = false,
    Guid? TemplateId = null,
    DateOnly? DueFrom = null,
    DateOnly? DueTo = null)
{
    public const string SearchKey = "q";
    public const string StatusKey = "status";
    public const string TierKey = "tier";
    public const string OverdueKey = "overdue";
    public const string OpenKey = "open";
    public const string TemplateKey = "template";
    public const string DueFromKey = "dueFrom";
    public const string DueToKey = "dueTo";

    public static AssessmentFilters None { get; } = new();

    public bool IsEmpty => this == None;

    /// <summary>The query for the list service (paging and sort come from the grid).</summary>
    public AssessmentQuery ToQuery(AssessmentSort sortBy = AssessmentSort.DueOn, bool descending = false, int page = 0, int pageSize = 25) =>
        new(Search, Status, Tier, OverdueOnly, !OpenOnly, sortBy, descending, page, pageSize)
        {
            TemplateId = TemplateId,
            DueFrom = DueFrom,
            DueTo = DueTo,
        };

    /// <summary>The canonical query string (keys in a fixed order, no leading '?'); empty when no filter is set.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add(SearchKey, Search?.Trim());
        Add(StatusKey, Status?.ToString());
        Add(TierKey, Tier?.ToString());
        Add(OverdueKey, OverdueOnly ? "true" : null);
        Add(OpenKey, OpenOnly ? "true" : null);
        Add(TemplateKey, TemplateId?.ToString("D"));
        Add(DueFromKey, DueFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(DueToKey, DueTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return string.Join('&', parts);
    }

    /// <summary>The outcome of reading a query string: the filters understood and the keys whose values were not.</summary>
    public sealed record ParseResult(AssessmentFilters Filters, IReadOnlyList<string> Ignored);

    /// <summary>Reads a query string (with or without '?'); unknown keys are left alone (they may belong to something else).</summary>
    public static ParseResult Parse(string? query)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (query ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(cut < 0 ? pair : pair[..cut]);
            var value = cut < 0 ? string.Empty : Unescape(pair[(cut + 1)..]);
            if (key is not null && value is not null)
            {
                values[key] = value;
            }
        }

        return Parse(values);
    }

    public static ParseResult Parse(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var ignored = new List<string>();
        string? Get(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var search = Get(SearchKey);
        if (search is { Length: > AssessmentQuery.SearchMaxLength } || (search is not null && search.Any(char.IsControl)))
        {
            ignored.Add(SearchKey);
            search = null;
        }

        var status = Enum<AssessmentStatus>(Get(StatusKey), StatusKey, ignored);
        var tier = Enum<RiskTier>(Get(TierKey), TierKey, ignored);
        var overdue = Flag(Get(OverdueKey), OverdueKey, ignored);
        var open = Flag(Get(OpenKey), OpenKey, ignored);
        Guid? template = null;
        if (Get(TemplateKey) is { } t)
        {
            if (Guid.TryParse(t, out var id) && id != Guid.Empty)
            {
                template = id;
            }
            else
            {
                ignored.Add(TemplateKey);
            }
        }

        var from = Date(Get(DueFromKey), DueFromKey, ignored);
        var to = Date(Get(DueToKey), DueToKey, ignored);
        if (from is not null && to is not null && from > to)
        {
            ignored.Add(DueToKey);
            to = null;
        }

        return new ParseResult(new AssessmentFilters(search, status, tier, overdue, open, template, from, to), ignored);
    }

    private static string? Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static T? Enum<T>(string? text, string key, List<string> ignored)
        where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        // Names only: "3" or "99" are not statuses a link should carry.
        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !text.All(c => char.IsDigit(c) || c == '-'))
        {
            return value;
        }

        ignored.Add(key);
        return null;
    }

    private static bool Flag(string? text, string key, List<string> ignored)
    {
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        ignored.Add(key);
        return false;
    }

    private static DateOnly? Date(string? text, string key, List<string> ignored)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ignored.Add(key);
        return null;
    }

    /// <summary>Used by tests and logs: the filters as readable text.</summary>
    public override string ToString() => new StringBuilder("?").Append(ToQueryString()).ToString();
}
