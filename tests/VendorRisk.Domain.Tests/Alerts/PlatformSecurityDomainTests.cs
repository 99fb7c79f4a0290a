using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Sessions;

namespace VendorRisk.Domain.Tests.Alerts;

public sealed class PlatformSecurityDomainTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 10, 5, "range")]
    [InlineData(10, 10, 5, "order")]
    [InlineData(10, 5, 5, "order")]
    [InlineData(10, 20, 1, "multiplier")]
    [InlineData(10, 20, 101, "multiplier")]
    [InlineData(10, 2_000_000, 5, "range")]
    public void Inconsistent_thresholds_change_nothing(int stepUp, int refusal, int multiplier, string rule)
    {
        var settings = new TenantSecuritySettings();

        Assert.Equal(rule, settings.Change(stepUp, refusal, multiplier));
        Assert.Equal(TenantSecuritySettings.DefaultStepUpThreshold, settings.StepUpThreshold);
        Assert.Equal(TenantSecuritySettings.DefaultRefusalThreshold, settings.RefusalThreshold);
    }

    [Fact]
    public void Counters_belong_to_the_utc_hour()
    {
        var counter = new ExportCounter("u", new DateTimeOffset(2026, 11, 28, 13, 59, 59, TimeSpan.FromHours(1)), 3);

        Assert.Equal(Noon, counter.HourStartUtc);
    }

    [Fact]
    public void A_session_records_activity_at_most_once_a_minute_and_ends_once()
    {
        var session = new UserSession("u", Noon, "10.0.0.1", "Browser");

        Assert.False(session.Touch(Noon.AddSeconds(59), "10.0.0.2"));
        Assert.True(session.Touch(Noon.AddMinutes(1), "10.0.0.2"));
        Assert.Equal("10.0.0.2", session.IpAddress);

        session.End(Noon.AddMinutes(2), "Admin");
        session.End(Noon.AddMinutes(3), "Someone else");
        Assert.False(session.IsLive);
        Assert.Equal(Noon.AddMinutes(2), session.EndedAtUtc);
        Assert.Equal("Admin", session.EndedBy);
    }

    [Fact]
    public void An_alert_is_acknowledged_once()
    {
        var alert = new SecurityAlert(SecurityAlertKind.ExportRefused, Noon, "u", "User", "detail");

        alert.Acknowledge(Noon.AddMinutes(5), "admin", "Admin");
        alert.Acknowledge(Noon.AddMinutes(9), "other", "Other");

        Assert.Equal("admin", alert.AcknowledgedByUserId);
        Assert.Equal(Noon.AddMinutes(5), alert.AcknowledgedAtUtc);
    }
}
