namespace VendorRisk.Domain.Assessments;

/// <summary>Why a reminder goes out.</summary>
public enum ReminderKind
{
    DueIn7Days = 1,
    DueIn3Days = 2,
    DueIn1Day = 3,
    Overdue = 4,
}

/// <summary>
/// When assessments are reminded (issue 6): 7, 3 and 1 days before the due date, the day after
/// it passes, then every 7 days while it stays overdue. Pure; the background service asks it for
/// "today" from a <see cref="TimeProvider"/>. A day missed (the service was down) is not caught up
/// later: reminders are about the present, and the next step of the schedule follows soon.
/// </summary>
public static class ReminderSchedule
{
    public static ReminderKind? For(DateOnly dueOn, DateOnly today)
    {
        var daysLeft = dueOn.DayNumber - today.DayNumber;
        return daysLeft switch
        {
            7 => ReminderKind.DueIn7Days,
            3 => ReminderKind.DueIn3Days,
            1 => ReminderKind.DueIn1Day,
            < 0 when (-daysLeft - 1) % 7 == 0 => ReminderKind.Overdue,
            _ => null,
        };
    }

    /// <summary>
    /// At most one reminder per person per day: true when <paramref name="lastSentOn"/> (the
    /// last day anything was sent to that person, from the database) is not today.
    /// </summary>
    public static bool MaySendTo(DateOnly? lastSentOn, DateOnly today) => lastSentOn != today;
}
