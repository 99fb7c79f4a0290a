using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Domain.Tests.Questionnaires;

/// <summary>Small helpers to write versions in tests without noise.</summary>
internal static class Builders
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2025, 3, 1);
    public static readonly ControlMapping Mfa = new(ControlCatalogue.NistCsf2, "PR.AA-03");

    public static LocalizedText Text(string en) => new($"{en} (fr)", en);

    public static QuestionnaireTemplate NewTemplate() => QuestionnaireTemplate.Create(Text("Template"), null, Now);

    /// <summary>A draft with one section "s1".</summary>
    public static TemplateVersion NewDraft()
    {
        var draft = NewTemplate().Draft!;
        draft.AddSection("s1", Text("Section 1"));
        return draft;
    }

    public static Question AddYesNo(this TemplateVersion version, string key, string section = "s1", decimal weight = 1, bool critical = false)
    {
        var question = version.AddQuestion(section, key, QuestionType.YesNo, Text($"Question {key}?"));
        question.SetWeight(weight);
        question.SetCritical(critical);
        question.AddControlMapping(Mfa);
        return question;
    }

    public static Question AddChoice(this TemplateVersion version, string key, QuestionType type, params (string Key, int? Score)[] options)
    {
        var question = version.AddQuestion("s1", key, type, Text($"Question {key}?"));
        question.SetOptions(options.Select(o => new AnswerOption(o.Key, Text(o.Key), o.Score)));
        question.AddControlMapping(Mfa);
        return question;
    }

    public static Question AddNumber(this TemplateVersion version, string key, decimal? min = null, decimal? max = null, params NumberScoreBand[] bands)
    {
        var question = version.AddQuestion("s1", key, QuestionType.Number, Text($"Question {key}?"));
        question.SetNumberRange("hours", min, max);
        question.SetScoreBands(bands);
        question.AddControlMapping(Mfa);
        return question;
    }

    public static Dictionary<string, Answer> Answers(params (string Key, Answer Answer)[] answers) =>
        answers.ToDictionary(a => a.Key, a => a.Answer, StringComparer.Ordinal);

    public static ChoiceAnswer Choice(params string[] keys) => new(keys);
}
