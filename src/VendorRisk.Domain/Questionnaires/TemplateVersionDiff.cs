namespace VendorRisk.Domain.Questionnaires;

public enum QuestionChange
{
    Added = 1,
    Removed = 2,
    Changed = 3,
}

/// <summary>How one question (by its stable key) differs between two versions; <see cref="Fields"/> names what changed.</summary>
public sealed record QuestionDifference(string Key, QuestionChange Change, Question? Before, Question? After, IReadOnlyList<string> Fields);

/// <summary>
/// Compares two versions of a template question by question, by key (keys are stable across
/// versions, so a reworded question is "changed", not "removed and added"). Pure.
/// </summary>
public static class TemplateVersionDiff
{
    /// <summary>Field names reported in <see cref="QuestionDifference.Fields"/>.</summary>
    public static class FieldNames
    {
        public const string Section = "section";
        public const string Text = "text";
        public const string Help = "help";
        public const string Type = "type";
        public const string Required = "required";
        public const string Weight = "weight";
        public const string Critical = "critical";
        public const string Options = "options";
        public const string Number = "number";
        public const string Evidence = "evidence";
        public const string Condition = "condition";
        public const string Controls = "controls";
    }

    /// <summary>Differences in the order of <paramref name="to"/>, removed questions last (in the order of <paramref name="from"/>).</summary>
    public static IReadOnlyList<QuestionDifference> Compare(TemplateVersion from, TemplateVersion to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var result = new List<QuestionDifference>();
        foreach (var after in to.OrderedQuestions())
        {
            var before = from.FindQuestion(after.Key);
            if (before is null)
            {
                result.Add(new QuestionDifference(after.Key, QuestionChange.Added, null, after, []));
                continue;
            }

            var fields = ChangedFields(before, after);
            if (fields.Count > 0)
            {
                result.Add(new QuestionDifference(after.Key, QuestionChange.Changed, before, after, fields));
            }
        }

        result.AddRange(from.OrderedQuestions()
            .Where(q => to.FindQuestion(q.Key) is null)
            .Select(q => new QuestionDifference(q.Key, QuestionChange.Removed, q, null, [])));
        return result;
    }

    private static List<string> ChangedFields(Question before, Question after)
    {
        var a = QuestionnaireJson.ToDocument(before);
        var b = QuestionnaireJson.ToDocument(after);
        var fields = new List<string>();
        void Check<T>(string name, T x, T y)
        {
            if (QuestionnaireJson.SerializeFragment(x) != QuestionnaireJson.SerializeFragment(y))
            {
                fields.Add(name);
            }
        }

        Check(FieldNames.Section, before.SectionKey, after.SectionKey);
        Check(FieldNames.Text, a.Text, b.Text);
        Check(FieldNames.Help, a.Help, b.Help);
        Check(FieldNames.Type, a.Type, b.Type);
        Check(FieldNames.Required, a.Required, b.Required);
        Check(FieldNames.Weight, a.Weight, b.Weight);
        Check(FieldNames.Critical, a.Critical, b.Critical);
        Check(FieldNames.Options, a.Options, b.Options);
        Check(FieldNames.Number, a.Number, b.Number);
        Check(FieldNames.Evidence, a.Evidence, b.Evidence);
        Check(FieldNames.Condition, a.VisibleWhen, b.VisibleWhen);
        Check(FieldNames.Controls, a.Controls, b.Controls);
        return fields;
    }
}
