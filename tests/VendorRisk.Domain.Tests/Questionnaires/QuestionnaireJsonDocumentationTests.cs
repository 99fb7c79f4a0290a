using VendorRisk.Domain.Controls;
using VendorRisk.Domain.Questionnaires;
using static VendorRisk.Domain.Tests.Questionnaires.Builders;

namespace VendorRisk.Domain.Tests.Questionnaires;

public sealed class QuestionnaireJsonDocumentationTests
{
    [Fact]
    public void The_example_of_docs_questionnaire_json_imports_and_publishes()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "questionnaire-json.md"));
        var example = markdown[markdown.IndexOf("## Example", StringComparison.Ordinal)..];
        var start = example.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = example[start..example.IndexOf("```", start, StringComparison.Ordinal)];

        var template = QuestionnaireTemplate.FromDocument(QuestionnaireJson.Deserialize(json), Now);
        template.PublishDraft(ControlCatalogue.Default, Now);

        Assert.Equal(2, template.LatestPublished!.Questions.Count);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VendorRisk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("VendorRisk.sln not found above the test directory.");
    }
}
