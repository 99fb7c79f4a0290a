using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Web.Features.Assessments;

namespace VendorRisk.Web.Tests.Assessments;

/// <summary>The list's filters survive a round trip through the URL; hand-edited links lose only what is wrong.</summary>
public sealed class AssessmentFiltersTests
{
    [Fact]
    public void Every_filter_round_trips_through_the_query_string()
    {
        var filters = new AssessmentFilters("Hôpital & Co = 100%", AssessmentStatus.ChangesRequested, RiskTier.Critical, true, true, Guid.NewGuid(), new DateOnly(2026, 1, 31), new DateOnly(2026, 12, 1));
        var query = filters.ToQueryString();
        var parsed = AssessmentFilters.Parse("?" + query);
        Assert.Equal(filters, parsed.Filters);
        Assert.Empty(parsed.Ignored);
        Assert.DoesNotContain(' ', query);
    }

    [Fact]
    public void No_filter_is_an_empty_query_and_an_empty_query_is_no_filter()
    {
        Assert.Equal(string.Empty, AssessmentFilters.None.ToQueryString());
        Assert.True(AssessmentFilters.Parse(string.Empty).Filters.IsEmpty);
        Assert.True(AssessmentFilters.Parse((string?)null).Filters.IsEmpty);
    }

    [Fact]
    public void The_query_string_is_canonical_whatever_the_order_and_case_of_a_link()
    {
        var a = AssessmentFilters.Parse("tier=high&STATUS=sent&overdue=TRUE").Filters;
        var b = AssessmentFilters.Parse("overdue=true&status=Sent&tier=High").Filters;
        Assert.Equal(a.ToQueryString(), b.ToQueryString());
        Assert.Equal("status=Sent&tier=High&overdue=true", a.ToQueryString());
    }

    [Theory]
    [InlineData("status=Bogus", AssessmentFilters.StatusKey)]
    [InlineData("status=3", AssessmentFilters.StatusKey)]
    [InlineData("tier=99", AssessmentFilters.TierKey)]
    [InlineData("overdue=maybe", AssessmentFilters.OverdueKey)]
    [InlineData("template=not-a-guid", AssessmentFilters.TemplateKey)]
    [InlineData("dueFrom=31/01/2026", AssessmentFilters.DueFromKey)]
    [InlineData("dueFrom=2026-02-01&dueTo=2026-01-01", AssessmentFilters.DueToKey)]
    public void A_wrong_value_is_dropped_and_named_the_others_stay(string bad, string key)
    {
        var parsed = AssessmentFilters.Parse(bad + "&open=true");
        Assert.True(parsed.Filters.OpenOnly);
        Assert.Contains(key, parsed.Ignored);

        Assert.DoesNotContain(key + "=", parsed.Filters.ToQueryString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_or_hostile_search_is_dropped()
    {
        var parsed = AssessmentFilters.Parse("q=" + new string('a', AssessmentQuery.SearchMaxLength + 1));
        Assert.Null(parsed.Filters.Search);
        Assert.Contains(AssessmentFilters.SearchKey, parsed.Ignored);
        Assert.Null(AssessmentFilters.Parse("q=a%00b").Filters.Search);
    }

    [Fact]
    public void The_filters_become_the_list_query()
    {
        var template = Guid.NewGuid();
        var query = new AssessmentFilters("x", AssessmentStatus.Sent, RiskTier.Low, true, true, template, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)).ToQuery(AssessmentSort.Vendor, true, 2, 50);
        Assert.Equal(("x", AssessmentStatus.Sent, RiskTier.Low, true, false), (query.Search, query.Status, query.Tier, query.OverdueOnly, query.IncludeClosed));
        Assert.Equal((template, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)), (query.TemplateId!.Value, query.DueFrom!.Value, query.DueTo!.Value));
        Assert.Equal((AssessmentSort.Vendor, true, 2, 50), (query.SortBy, query.Descending, query.Page, query.PageSize));
    }
}
