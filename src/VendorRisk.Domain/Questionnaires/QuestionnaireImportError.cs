using System.Globalization;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// Why a questionnaire file (JSON or workbook) could not be imported, or why a change of a template was
/// refused (see <see cref="QuestionnaireErrors"/>), in a form the UI can show in its own language, like <see cref="TemplateValidationError"/>: the UI shows the resource
/// <c>ImportError_{MessageId}</c> formatted with <see cref="Arguments"/> (invariant text: keys, sheet
/// names, row numbers, cell values). <see cref="Message"/> is the English text, for logs only.
/// When <see cref="Detail"/> is set, it is the localisable form of the last argument (the problem a
/// section, question, cell or condition has).
/// </summary>
public sealed record QuestionnaireImportError(string MessageId, IReadOnlyList<string> Arguments, string Message)
{
    public QuestionnaireImportError? Detail { get; init; }

    /// <summary>Builds an error from its id, its English composite format and its arguments (formatted with the invariant culture).</summary>
    public static QuestionnaireImportError Of(string messageId, string format, params object?[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(arguments);
        string[] args = [.. arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty)];
        return new QuestionnaireImportError(messageId, args, string.Format(CultureInfo.InvariantCulture, format, args));
    }

    /// <summary>
    /// The localisable form of a problem reported by <paramref name="exception"/>, if it has one
    /// (any exception of the questionnaire domain implementing <see cref="IQuestionnaireImportFailure"/>).
    /// </summary>
    public static QuestionnaireImportError? DetailOf(Exception? exception) => exception switch
    {
        IQuestionnaireImportFailure failure => failure.ImportError,
        _ => null,
    };

    /// <summary>Two errors are equal when they say the same thing (the arguments compared item by item).</summary>
    public bool Equals(QuestionnaireImportError? other) =>
        other is not null && MessageId == other.MessageId && Message == other.Message
        && Arguments.SequenceEqual(other.Arguments) && Equals(Detail, other.Detail);

    public override int GetHashCode() => HashCode.Combine(MessageId, Message);

    public override string ToString() => Message;
}

/// <summary>An exception that carries a localisable <see cref="QuestionnaireImportError"/>.</summary>
public interface IQuestionnaireImportFailure
{
    QuestionnaireImportError ImportError { get; }
}

/// <summary>A questionnaire file could not be imported; <see cref="ImportError"/> says where and why (localisable).</summary>
public sealed class QuestionnaireImportException : Exception, IQuestionnaireImportFailure
{
    public QuestionnaireImportException()
        : this(QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported."))
    {
    }

    public QuestionnaireImportException(string message)
        : this(message, null!)
    {
    }

    public QuestionnaireImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        ImportError = QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported.");
    }

    public QuestionnaireImportException(QuestionnaireImportError error, Exception? innerException = null)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message, innerException)
    {
        ImportError = error;
    }

    public QuestionnaireImportError ImportError { get; }
}

/// <summary>
/// A part of a document (an option, a condition) is malformed. An <see cref="ArgumentException"/>, so
/// callers of <see cref="QuestionnaireJson.ToCondition(ConditionDocument)"/> handle it as before; <see cref="ImportError"/> is
/// its localisable form.
/// </summary>
public sealed class QuestionnaireFormatException : ArgumentException, IQuestionnaireImportFailure
{
    public QuestionnaireFormatException()
        : this(QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported."))
    {
    }

    public QuestionnaireFormatException(string message)
        : this(message, null!)
    {
    }

    public QuestionnaireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        ImportError = QuestionnaireImportError.Of("Unreadable", "The questionnaire could not be imported.");
    }

    public QuestionnaireFormatException(QuestionnaireImportError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        ImportError = error;
    }

    public QuestionnaireImportError ImportError { get; }
}
