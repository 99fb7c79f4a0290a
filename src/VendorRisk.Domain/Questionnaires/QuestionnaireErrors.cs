namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// The questionnaire's own refusals (editing a draft, publishing, importing), built so that the UI can
/// show them in its language: each exception carries a <see cref="QuestionnaireImportError"/> (message
/// id shown through the resource <c>ImportError_{id}</c>, invariant arguments); its English message is
/// for logs only. The exception types stay those callers already handle (<see cref="ArgumentException"/>,
/// <see cref="KeyNotFoundException"/>, <see cref="InvalidOperationException"/>).
/// </summary>
public static class QuestionnaireErrors
{
    /// <summary>A value given by the caller is refused (an <see cref="ArgumentException"/>).</summary>
    public static QuestionnaireFormatException Invalid(string messageId, string format, params object?[] arguments) =>
        new(QuestionnaireImportError.Of(messageId, format, arguments));

    /// <summary>A section, question, option or version named by the caller does not exist (a <see cref="KeyNotFoundException"/>).</summary>
    public static QuestionnaireNotFoundException Missing(string messageId, string format, params object?[] arguments) =>
        new(QuestionnaireImportError.Of(messageId, format, arguments));

    /// <summary>The change is not possible in the current state (an <see cref="InvalidOperationException"/>).</summary>
    public static QuestionnaireOperationException Refused(string messageId, string format, params object?[] arguments) =>
        new(QuestionnaireImportError.Of(messageId, format, arguments));

    /// <summary>The localisable error of <paramref name="exception"/>, if it has one.</summary>
    public static QuestionnaireImportError? Of(Exception? exception) => QuestionnaireImportError.DetailOf(exception);
}

/// <summary>A section, question, option or version does not exist; <see cref="ImportError"/> is the localisable form.</summary>
public sealed class QuestionnaireNotFoundException : KeyNotFoundException, IQuestionnaireImportFailure
{
    public QuestionnaireNotFoundException()
        : this(QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported."))
    {
    }

    public QuestionnaireNotFoundException(string message)
        : this(message, null!)
    {
    }

    public QuestionnaireNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        ImportError = QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported.");
    }

    public QuestionnaireNotFoundException(QuestionnaireImportError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        ImportError = error;
    }

    public QuestionnaireImportError ImportError { get; }
}

/// <summary>A change is not possible in the current state; <see cref="ImportError"/> is the localisable form.</summary>
public sealed class QuestionnaireOperationException : InvalidOperationException, IQuestionnaireImportFailure
{
    public QuestionnaireOperationException()
        : this(QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported."))
    {
    }

    public QuestionnaireOperationException(string message)
        : this(message, null!)
    {
    }

    public QuestionnaireOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ImportError = QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported.");
    }

    public QuestionnaireOperationException(QuestionnaireImportError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        ImportError = error;
    }

    public QuestionnaireImportError ImportError { get; }
}
