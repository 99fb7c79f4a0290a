using System.Xml.Linq;

namespace VendorRisk.Web.Tests.Localization;

/// <summary>Every text a user reads exists in English and French.</summary>
public sealed class ResourceTests
{
    private static readonly string ResourceFolder = Path.Combine(FindRepositoryRoot(), "src", "VendorRisk.Web", "Resources");

    [Fact]
    public void English_and_french_resources_have_the_same_keys_and_no_empty_value()
    {
        var english = Read("SharedResource.resx");
        var french = Read("SharedResource.fr.resx");

        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.All(english.Concat(french), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{entry.Key} is empty"));
    }

    [Fact]
    public void Format_placeholders_match_between_languages()
    {
        var english = Read("SharedResource.resx");
        var french = Read("SharedResource.fr.resx");

        foreach (var (key, value) in english)
        {
            Assert.True(
                Placeholders(value).SetEquals(Placeholders(french[key])),
                $"{key}: the English and French texts use different placeholders");
        }
    }

    [Fact]
    public void MudBlazor_texts_are_valid_composite_formats()
    {
        // MudBlazor passes its own arguments through string.Format: a named placeholder would
        // throw while rendering (it once broke the vendor list's pager in French).
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.fr.resx" })
        {
            foreach (var (key, value) in Read(file).Where(e => e.Key.StartsWith("Mud_", StringComparison.Ordinal)))
            {
                var formatted = string.Format(System.Globalization.CultureInfo.InvariantCulture, value, "1", "2", "3");
                Assert.False(string.IsNullOrWhiteSpace(formatted), $"{file}: {key}");
            }
        }
    }

    [Fact]
    public void Every_key_used_in_razor_files_exists()
    {
        var keys = Read("SharedResource.resx").Keys.ToHashSet();
        var webRoot = Path.Combine(FindRepositoryRoot(), "src", "VendorRisk.Web");
        var used = Directory.EnumerateFiles(webRoot, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "L\\[\"([A-Za-z0-9_]+)\"").Select(m => (file, key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.Contains(u.key), $"{Path.GetFileName(u.file)} uses the missing key {u.key}"));
    }

    [Fact]
    public void Every_questionnaire_publish_error_has_a_localised_text()
    {
        var keys = Read("SharedResource.fr.resx").Keys.ToHashSet();
        var validator = Path.Combine(FindRepositoryRoot(), "src", "VendorRisk.Domain", "Questionnaires", "TemplateValidator.cs");
        var ids = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(validator), "TemplateValidationCodes\\.\\w+, \"(\\w+)\", \"")
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.True(ids.Count >= 20, $"only {ids.Count} message ids found: did the validator's shape change?");
        Assert.All(ids, id => Assert.True(keys.Contains("TemplateError_" + id), $"TemplateValidator's message {id} has no resource TemplateError_{id}"));
    }

    [Fact]
    public void Every_questionnaire_import_error_has_a_localised_text()
    {
        // Import errors and the domain's refusals (what the editor shows) are built as
        // Fail/Wrap/Invalid/Missing/Refused/Cell/QuestionnaireImportError.Of("Id", "English format", …):
        // each id needs ImportError_{id} in both languages (the English/French key test covers the pair).
        var keys = Read("SharedResource.fr.resx").Keys.ToHashSet();
        var root = FindRepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src", "VendorRisk.Domain", "Questionnaires"), "*.cs")
            .Concat(
            [
                Path.Combine(root, "src", "VendorRisk.Web", "Features", "Questionnaires", "QuestionnaireWorkbook.cs"),
                Path.Combine(root, "src", "VendorRisk.Web", "Features", "Questionnaires", "QuestionnaireLibraryService.cs"),
            ]);
        var ids = files
            .SelectMany(file => File.ReadAllLines(file))
            .Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, "\\b(Fail|Wrap|Invalid|Missing|Refused|Cell|Of)\\("))
            .SelectMany(line => System.Text.RegularExpressions.Regex.Matches(line, "\"(\\w+)\", (\"[^\"]*\\s|DefaultFormat)").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(ids.Count >= 75, $"only {ids.Count} import message ids found: did the import errors' shape change?");
        Assert.All(ids, id => Assert.True(keys.Contains("ImportError_" + id), $"the import error {id} has no resource ImportError_{id}"));
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(ResourceFolder, file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "\\{\\d+\\}").Select(m => m.Value).ToHashSet();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VendorRisk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("VendorRisk.sln not found above the test folder.");
    }
}
