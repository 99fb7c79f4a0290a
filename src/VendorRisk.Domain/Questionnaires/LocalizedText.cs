namespace VendorRisk.Domain.Questionnaires;

/// <summary>A text in French and English (French hospitals are the first users; vendors may answer in English).</summary>
public sealed record LocalizedText
{
    public LocalizedText(string fr, string en)
    {
        ArgumentNullException.ThrowIfNull(fr);
        ArgumentNullException.ThrowIfNull(en);
        Fr = fr;
        En = en;
    }

    public string Fr { get; init; }

    public string En { get; init; }

    /// <summary>Both languages are present.</summary>
    public bool IsComplete => !string.IsNullOrWhiteSpace(Fr) && !string.IsNullOrWhiteSpace(En);
}
