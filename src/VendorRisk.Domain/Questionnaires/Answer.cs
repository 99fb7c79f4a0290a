namespace VendorRisk.Domain.Questionnaires;

/// <summary>A vendor's answer to one question, as the pure rules (conditions, scoring) see it.</summary>
public abstract class Answer
{
    private protected Answer()
    {
    }

    /// <summary>An empty answer counts as no answer (nothing selected, blank text, no evidence).</summary>
    public abstract bool IsEmpty { get; }
}

/// <summary>The selected option keys of a yes/no, single-choice or multiple-choice question.</summary>
public sealed class ChoiceAnswer : Answer
{
    public ChoiceAnswer(params IEnumerable<string> optionKeys)
    {
        ArgumentNullException.ThrowIfNull(optionKeys);
        OptionKeys = optionKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).ToList().AsReadOnly();
    }

    public IReadOnlyList<string> OptionKeys { get; }

    public override bool IsEmpty => OptionKeys.Count == 0;
}

public sealed class NumberAnswer(decimal value) : Answer
{
    public decimal Value { get; } = value;

    public override bool IsEmpty => false;
}

public sealed class TextAnswer(string text) : Answer
{
    public string Text { get; } = text ?? string.Empty;

    public override bool IsEmpty => string.IsNullOrWhiteSpace(Text);
}

public sealed class DateAnswer(DateOnly value) : Answer
{
    public DateOnly Value { get; } = value;

    public override bool IsEmpty => false;
}

/// <summary>Evidence documents attached to an evidence request.</summary>
public sealed class EvidenceAnswer : Answer
{
    public EvidenceAnswer(params IEnumerable<EvidenceItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items.ToList().AsReadOnly();
    }

    public IReadOnlyList<EvidenceItem> Items { get; }

    public override bool IsEmpty => Items.Count == 0;
}

/// <summary>
/// One attached document: its vault type (read through <see cref="Evidence.EvidenceTypeMap"/> to
/// know which requested evidence types it answers) and, when it has one, its expiry date.
/// </summary>
public sealed record EvidenceItem(Guid EvidenceId, Evidence.EvidenceDocumentType DocumentType, DateOnly? ExpiresOn);
