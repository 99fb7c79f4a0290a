using System.Globalization;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>An answer as read-only text (review page, conflict notices).</summary>
public static class AnswerText
{
    public static string Of(Question question, AnswerValue? value)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (value is null || value.IsEmpty)
        {
            return string.Empty;
        }

        if (question.IsChoice)
        {
            return string.Join(", ", value.Options.Select(o => question.FindOption(o) is { } option ? QuestionnaireText.Of(option.Label) : o));
        }

        return question.Type switch
        {
            QuestionType.Number => value.Number?.ToString(CultureInfo.CurrentCulture) + (question.Unit is null ? string.Empty : $" {question.Unit}"),
            QuestionType.Date => value.Date?.ToString("d", CultureInfo.CurrentCulture) ?? string.Empty,
            _ => value.Text ?? string.Empty,
        };
    }
}
