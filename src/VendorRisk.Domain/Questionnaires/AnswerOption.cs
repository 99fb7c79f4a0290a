namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// A choice offered by a question. <see cref="Score"/> is 0–100 (100 = fully satisfactory) or null
/// when choosing it means "not applicable": the question is then left out of the score entirely
/// (neither its score nor its weight count).
/// </summary>
public sealed record AnswerOption
{
    public AnswerOption(string key, LocalizedText label, int? score)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw QuestionnaireErrors.Invalid("OptionKeyRequired", "Every option needs a key.");
        }

        ArgumentNullException.ThrowIfNull(label);
        Key = key;
        Label = label;
        Score = score;
    }

    public string Key { get; init; }

    public LocalizedText Label { get; init; }

    public int? Score { get; init; }

    public bool IsNotApplicable => Score is null;

    public static AnswerOption NotApplicable(string key, LocalizedText label) => new(key, label, null);
}
