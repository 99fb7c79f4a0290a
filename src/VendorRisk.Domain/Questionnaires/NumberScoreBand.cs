namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// Scores a number answer: the first band (in order) whose inclusive bounds contain the number
/// gives the score. A missing bound is open. A number matching no band is not scored.
/// </summary>
public sealed record NumberScoreBand
{
    public NumberScoreBand(decimal? minimum, decimal? maximum, int score)
    {
        Minimum = minimum;
        Maximum = maximum;
        Score = score;
    }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public int Score { get; init; }

    public bool Contains(decimal value) =>
        (Minimum is null || value >= Minimum) && (Maximum is null || value <= Maximum);
}
