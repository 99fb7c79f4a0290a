using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Web.Features.Vendors;
using VendorRisk.Web.Features.Vendors.Components;

namespace VendorRisk.Web.Tests.Vendors;

public sealed class TierExplanationTests : VendorRiskTestContext
{
    private static readonly InherentRiskResult MediBoard = InherentRiskCalculator.Calculate(new InherentRiskInput(
        DataCategories.Clinical | DataCategories.Prescriptions | DataCategories.Identity,
        750_000,
        VendorAccess.Privileged,
        HostingModel.HdsCertifiedHost,
        DowntimeToleranceHours: 4,
        PrivilegedAccounts: 1,
        SharedPrivilegedAccounts: 1,
        PrivilegedAccountsWithoutMfa: 1));

    [Fact]
    public void Every_reason_is_shown_with_its_points_and_the_points_add_up_to_the_score()
    {
        var explanation = Render<TierExplanation>(p => p.Add(c => c.Result, MediBoard));

        var rows = explanation.FindAll("tbody tr[data-reason]");
        Assert.Equal(MediBoard.Reasons.Count(r => !r.IsFloor), rows.Count);
        var shown = rows.Sum(row => int.Parse(row.QuerySelector("td.vr-num")!.TextContent.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        Assert.Equal(MediBoard.Score, shown);
        Assert.Contains("750,000 patient records (more than 100,000)", explanation.Find($"tr[data-reason='{InherentRiskReasonCodes.VolumeOver100000}']").TextContent, StringComparison.Ordinal);
        Assert.Equal("-2", explanation.Find($"tr[data-reason='{InherentRiskReasonCodes.ScoreCappedAt100}'] td.vr-num").TextContent.Trim());
        Assert.Contains("Score 100/100 gives Critical; computed tier: Critical.", explanation.Find("[data-testid='tier-summary']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Floors_are_listed_with_the_minimum_tier_they_impose()
    {
        var explanation = Render<TierExplanation>(p => p.Add(c => c.Result, MediBoard));

        var floor = explanation.Find($"li[data-reason='{InherentRiskReasonCodes.FloorHealthDataAtScaleWithRemoteAccess}']");
        Assert.Contains("Health data of 750,000 patients", floor.TextContent, StringComparison.Ordinal);
        Assert.Contains("at least Critical", floor.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, explanation.FindAll("li[data-reason^='Floor.']").Count);
    }

    [Fact]
    public void A_floor_that_raises_the_tier_is_what_the_summary_says()
    {
        // 30 + 25 + 16 + 0 - 4 = 67 is High by points; the health-data floor makes it Critical.
        var result = InherentRiskCalculator.Calculate(new InherentRiskInput(DataCategories.Clinical, 100_001, VendorAccess.PermanentRemote, HostingModel.HdsCertifiedHost, 168, 0, 0, 0));

        var explanation = Render<TierExplanation>(p => p.Add(c => c.Result, result));

        Assert.Contains("Score 67/100 gives High; computed tier: Critical.", explanation.Find("[data-testid='tier-summary']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reasons_read_in_french_with_french_number_formatting()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");

        var explanation = Render<TierExplanation>(p => p.Add(c => c.Result, MediBoard));

        var volume = explanation.Find($"tr[data-reason='{InherentRiskReasonCodes.VolumeOver100000}']").TextContent;
        Assert.Contains("dossiers patients (plus de 100 000)", volume, StringComparison.Ordinal);
        Assert.Contains(750_000.ToString("N0", CultureInfo.GetCultureInfo("fr")), volume, StringComparison.Ordinal);
        Assert.Contains("au moins Critique", explanation.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_reason_code_of_the_rule_has_a_text()
    {
        var codes = typeof(InherentRiskReasonCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        var localizer = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.NotEmpty(codes);
        Assert.All(codes, code =>
        {
            var key = RegisterTexts.ResourceKey(new RiskReason(code, 0, null, []));
            Assert.False(localizer[key].ResourceNotFound, $"{key} has no text");
        });
    }
}
