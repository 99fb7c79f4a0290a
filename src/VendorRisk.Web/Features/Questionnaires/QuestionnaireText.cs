using System.Globalization;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Web.Features.Questionnaires;

/// <summary>Question texts are bilingual data: show the UI culture's language, or the other one when it is blank.</summary>
public static class QuestionnaireText
{
    public static string Of(LocalizedText? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var french = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        var preferred = french ? text.Fr : text.En;
        return string.IsNullOrWhiteSpace(preferred) ? (french ? text.En : text.Fr) : preferred;
    }

    /// <summary>A publish error in the UI language (resource <c>TemplateError_{MessageId}</c>; the domain's English text if it has none).</summary>
    public static string Of(TemplateValidationError error, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["TemplateError_" + error.MessageId, [.. error.Arguments]];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>
    /// Why the questionnaire domain refused a change, in the UI language: the exception's localisable error
    /// (<see cref="QuestionnaireErrors"/>), or a general "the change was refused" for any other exception
    /// (whose English text is never shown).
    /// </summary>
    public static string Of(Exception exception, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(localizer);
        return QuestionnaireErrors.Of(exception) is { } error ? Of(error, localizer) : localizer["Editor_ChangeRefused"].Value;
    }

    /// <summary>
    /// An import error in the UI language (resource <c>ImportError_{MessageId}</c>; the English text if it has
    /// none). A localisable detail replaces the last argument, itself in the UI language.
    /// </summary>
    public static string Of(QuestionnaireImportError error, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(localizer);
        object[] arguments = [.. error.Arguments];
        if (error.Detail is { } detail && arguments.Length > 0)
        {
            arguments[^1] = Of(detail, localizer);
        }

        var text = localizer["ImportError_" + error.MessageId, arguments];
        return text.ResourceNotFound ? error.Message : text.Value;
    }
}
