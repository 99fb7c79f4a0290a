namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// A change was attempted on a published or retired template version. Assessments point at the
/// exact version they were sent with, so a published version never changes: create a new draft.
/// </summary>
public sealed class PublishedVersionImmutableException : InvalidOperationException
{
    public PublishedVersionImmutableException()
    {
    }

    public PublishedVersionImmutableException(string message)
        : base(message)
    {
    }

    public PublishedVersionImmutableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A version failed validation on publish; <see cref="Errors"/> lists every problem.</summary>
public sealed class TemplateValidationException : InvalidOperationException
{
    public TemplateValidationException()
        : this([])
    {
    }

    public TemplateValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public TemplateValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public TemplateValidationException(IReadOnlyList<TemplateValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<TemplateValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<TemplateValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = errors.Take(10).Select(e => e.ToString());
        var more = errors.Count > 10 ? $" (and {errors.Count - 10} more)" : string.Empty;
        return $"The version cannot be published: {string.Join("; ", shown)}{more}";
    }
}

/// <summary>Visibility cannot be computed because conditions depend on each other in a loop.</summary>
public sealed class ConditionCycleException : InvalidOperationException
{
    public ConditionCycleException()
    {
    }

    public ConditionCycleException(string message)
        : base(message)
    {
    }

    public ConditionCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
