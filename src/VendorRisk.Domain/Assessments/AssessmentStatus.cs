namespace VendorRisk.Domain.Assessments;

/// <summary>Where an assessment stands. Overdue is not a status: it is a flag computed from the due date (<see cref="Assessment.IsOverdue"/>).</summary>
public enum AssessmentStatus
{
    Draft = 1,
    Sent = 2,
    InProgress = 3,
    Submitted = 4,
    UnderReview = 5,
    ChangesRequested = 6,
    Completed = 7,
    Cancelled = 8,
}

/// <summary>
/// The assessment state machine, pure so every allowed and forbidden transition can be tested.
/// Completed and Cancelled are final.
/// </summary>
public static class AssessmentTransitions
{
    private static readonly Dictionary<AssessmentStatus, AssessmentStatus[]> Allowed = new()
    {
        [AssessmentStatus.Draft] = [AssessmentStatus.Sent, AssessmentStatus.Cancelled],
        [AssessmentStatus.Sent] = [AssessmentStatus.InProgress, AssessmentStatus.Submitted, AssessmentStatus.Cancelled],
        [AssessmentStatus.InProgress] = [AssessmentStatus.Submitted, AssessmentStatus.Cancelled],
        [AssessmentStatus.Submitted] = [AssessmentStatus.UnderReview, AssessmentStatus.ChangesRequested, AssessmentStatus.Cancelled],
        [AssessmentStatus.UnderReview] = [AssessmentStatus.ChangesRequested, AssessmentStatus.Completed, AssessmentStatus.Cancelled],
        [AssessmentStatus.ChangesRequested] = [AssessmentStatus.InProgress, AssessmentStatus.Submitted, AssessmentStatus.Cancelled],
        [AssessmentStatus.Completed] = [],
        [AssessmentStatus.Cancelled] = [],
    };

    public static bool CanMove(AssessmentStatus from, AssessmentStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Statuses in which the vendor may change answers.</summary>
    public static bool VendorMayEdit(AssessmentStatus status) =>
        status is AssessmentStatus.Sent or AssessmentStatus.InProgress or AssessmentStatus.ChangesRequested;

    /// <summary>Statuses in which the vendor still owes the hospital something (and can be overdue).</summary>
    public static bool AwaitsVendor(AssessmentStatus status) => VendorMayEdit(status);

    /// <summary>Statuses in which the hospital reviews answers.</summary>
    public static bool HospitalMayReview(AssessmentStatus status) =>
        status is AssessmentStatus.Submitted or AssessmentStatus.UnderReview;
}

/// <summary>Raised when an action does not fit the current status; the message names both.</summary>
public sealed class AssessmentStateException : InvalidOperationException
{
    public AssessmentStateException()
    {
    }

    public AssessmentStateException(string message)
        : base(message)
    {
    }

    public AssessmentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AssessmentStateException(AssessmentStatus from, AssessmentStatus to)
        : base($"An assessment cannot move from {from} to {to}.")
    {
        From = from;
        To = to;
    }

    public AssessmentStatus? From { get; }

    public AssessmentStatus? To { get; }
}
