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
}
