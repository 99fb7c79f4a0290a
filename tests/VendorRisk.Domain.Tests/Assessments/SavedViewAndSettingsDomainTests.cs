using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Domain.Tests.Assessments;

public sealed class SavedViewAndSettingsDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_view_keeps_a_trimmed_name_a_folded_key_and_the_query_without_its_question_mark()
    {
        var view = new SavedAssessmentView("user-1", "  Overdue high ", "?status=Sent", Now);
        Assert.Equal("Overdue high", view.Name);
        Assert.Equal("OVERDUE HIGH", view.NameKey);
        Assert.Equal("status=Sent", view.Query);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public void A_view_name_must_be_printable_and_not_empty(string name) =>
        Assert.Throws<ArgumentException>(() => new SavedAssessmentView("user-1", name, string.Empty, Now));

    [Fact]
    public void A_view_name_and_query_have_limits()
    {
        Assert.Throws<ArgumentException>(() => new SavedAssessmentView("user-1", new string('n', SavedAssessmentView.NameMaxLength + 1), string.Empty, Now));
        _ = new SavedAssessmentView("user-1", new string('n', SavedAssessmentView.NameMaxLength), string.Empty, Now);
        Assert.Throws<ArgumentException>(() => new SavedAssessmentView("user-1", "x", new string('q', SavedAssessmentView.QueryMaxLength + 1), Now));
    }

    [Theory]
    [InlineData(RiskTier.Critical, 12)]
    [InlineData(RiskTier.High, 12)]
    [InlineData(RiskTier.Medium, 24)]
    [InlineData(RiskTier.Low, 36)]
    public void Settings_default_to_the_issue_intervals(RiskTier tier, int months) => Assert.Equal(months, new AssessmentSettings().MonthsFor(tier));

    [Fact]
    public void Settings_change_all_at_once_or_not_at_all()
    {
        var settings = new AssessmentSettings();
        var template = Guid.NewGuid();
        settings.Change(template, 6, 7, 8, 9);
        Assert.Equal((6, 7, 8, 9), (settings.MonthsFor(RiskTier.Critical), settings.MonthsFor(RiskTier.High), settings.MonthsFor(RiskTier.Medium), settings.MonthsFor(RiskTier.Low)));
        Assert.Equal(template, settings.MediumTierTemplateId);

        Assert.Throws<ArgumentOutOfRangeException>(() => settings.Change(null, 1, 2, 3, AssessmentSettings.MaxMonths + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.Change(null, 0, 2, 3, 4));
        Assert.Equal(6, settings.MonthsFor(RiskTier.Critical));
        Assert.Equal(template, settings.MediumTierTemplateId);

        settings.Change(Guid.Empty, 1, 1, 60, 60);
        Assert.Null(settings.MediumTierTemplateId);
    }
}
