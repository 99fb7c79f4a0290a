using VendorRisk.Domain.Assessments;

namespace VendorRisk.Domain.Tests.Assessments;

public sealed class ReminderScheduleTests
{
    private static readonly DateOnly Due = new(2026, 12, 15);

    [Theory]
    [InlineData(-20, null)]
    [InlineData(-8, null)]
    [InlineData(-7, ReminderKind.DueIn7Days)]
    [InlineData(-6, null)]
    [InlineData(-4, null)]
    [InlineData(-3, ReminderKind.DueIn3Days)]
    [InlineData(-2, null)]
    [InlineData(-1, ReminderKind.DueIn1Day)]
    [InlineData(0, null)]
    [InlineData(1, ReminderKind.Overdue)]
    [InlineData(2, null)]
    [InlineData(7, null)]
    [InlineData(8, ReminderKind.Overdue)]
    [InlineData(15, ReminderKind.Overdue)]
    [InlineData(16, null)]
    [InlineData(22, ReminderKind.Overdue)]
    public void Reminders_fall_7_3_1_days_before_the_due_date_then_weekly_once_overdue(int daysFromDue, ReminderKind? expected) =>
        Assert.Equal(expected, ReminderSchedule.For(Due, Due.AddDays(daysFromDue)));

    [Fact]
    public void One_reminder_a_day_per_person()
    {
        Assert.True(ReminderSchedule.MaySendTo(null, Due));
        Assert.True(ReminderSchedule.MaySendTo(Due.AddDays(-1), Due));
        Assert.False(ReminderSchedule.MaySendTo(Due, Due));
    }
}
