namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// A change was attempted on a published or retired template version. Assessments point at the
/// exact version they were sent with, so a published version never changes: create a new draft.
/// </summary>
public sealed class PublishedVersionImmutableException : InvalidOperationException, IQuestionnaireImportFailure
{
    private const string DefaultFormat = "This version can no longer change; create a new draft version to edit the questionnaire.";

    public PublishedVersionImmutableException()
        : this(QuestionnaireImportError.Of("VersionNotEditable", DefaultFormat))
    {
    }

    public PublishedVersionImmutableException(string message)
        : base(message)
    {
        ImportError = QuestionnaireImportError.Of("VersionNotEditable", DefaultFormat);
    }

    public PublishedVersionImmutableException(string message, Exception innerException)
        : base(message, innerException)
    {
        ImportError = QuestionnaireImportError.Of("VersionNotEditable", DefaultFormat);
    }

    public PublishedVersionImmutableException(QuestionnaireImportError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        ImportError = error;
    }

    /// <summary>The localisable form of the refusal.</summary>
    public QuestionnaireImportError ImportError { get; }
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
public sealed class ConditionCycleException : InvalidOperationException, IQuestionnaireImportFailure
{
    private const string DefaultFormat = "Conditions form a loop; visibility cannot be decided.";

    public ConditionCycleException()
        : this(QuestionnaireImportError.Of("ConditionLoop", DefaultFormat))
    {
    }

    public ConditionCycleException(string message)
        : base(message)
    {
        ImportError = QuestionnaireImportError.Of("ConditionLoop", DefaultFormat);
    }

    public ConditionCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
        ImportError = QuestionnaireImportError.Of("ConditionLoop", DefaultFormat);
    }

    public ConditionCycleException(QuestionnaireImportError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        ImportError = error;
    }

    /// <summary>The localisable form (the loop's keys as argument).</summary>
    public QuestionnaireImportError ImportError { get; }
}
