using Bunit;
using VendorRisk.Web.Features.Assessments;

namespace VendorRisk.Web.Tests.Assessments;

public sealed class AssessmentHistoryTableTests : VendorRiskTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Lists_each_entry_with_when_who_and_what_and_marks_internal_ones()
    {
        var cut = Render<AssessmentHistoryTable>(p => p.Add(c => c.Entries, new List<HistoryEntry>
        {
            new(At, "Farid Haddad", HistoryKind.Answer, "Answer changed: MFA on support accounts?"),
            new(At.AddMinutes(5), "Chloé Bernard", HistoryKind.Comment, "Internal comment on \"MFA\"", IsInternal: true),
        }));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Farid Haddad", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Answer changed: MFA on support accounts?", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-20T09:30:00.0000000Z", rows[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.DoesNotContain("internal", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("internal", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(["When (UTC)", "Who", "What"], cut.FindAll("th[scope=col]").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void Says_when_nothing_is_recorded_and_shows_progress_while_loading()
    {
        var empty = Render<AssessmentHistoryTable>(p => p.Add(c => c.Entries, new List<HistoryEntry>()));
        Assert.Equal("Nothing recorded yet.", empty.Find("[data-testid=history-empty]").TextContent);

        var loading = Render<AssessmentHistoryTable>(p => p.Add(c => c.Entries, null));
        Assert.NotNull(loading.Find("[role=progressbar]"));
        Assert.Empty(loading.FindAll("table"));
    }

    [Fact]
    public void Offers_older_entries_only_when_there_are_more_and_asks_for_them()
    {
        var asked = 0;
        var entries = new List<HistoryEntry> { new(At, "Farid Haddad", HistoryKind.Answer, "Answer changed: Notes") };
        var cut = Render<AssessmentHistoryTable>(p => p
            .Add(c => c.Entries, entries)
            .Add(c => c.HasMore, true)
            .Add(c => c.OnLoadMore, () => asked++));

        var more = cut.Find("[data-testid=history-more]");
        Assert.Equal("Show older entries", more.TextContent.Trim());
        more.Click();
        Assert.Equal(1, asked);

        var last = Render<AssessmentHistoryTable>(p => p.Add(c => c.Entries, entries).Add(c => c.HasMore, false));
        Assert.Empty(last.FindAll("[data-testid=history-more]"));
    }
}
