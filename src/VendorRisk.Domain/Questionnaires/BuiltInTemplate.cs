using System.Reflection;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// A questionnaire shipped with the product, written in the project's own words and mapped to the
/// control catalogue. Global and read-only: it lives in the assembly (embedded JSON), is never
/// stored in the database and so never crosses tenant filtering. A tenant uses it through its own
/// copy (<see cref="QuestionnaireTemplate.CopyOf"/>), which it may then customise and publish.
/// </summary>
[TenantExempt("Built-in templates are read-only content embedded in the assembly, identical for every tenant and never persisted.")]
public sealed class BuiltInTemplate
{
    private const string ResourcePrefix = "VendorRisk.Domain.Questionnaires.BuiltIn.";

    private static readonly Lazy<IReadOnlyList<BuiltInTemplate>> Embedded = new(LoadEmbedded);

    private BuiltInTemplate(string key, TemplateDocument document)
    {
        Key = key;
        Document = document;
    }

    public const string ClinicalSoftwareBaselineKey = "clinical-software-baseline";
    public const string QuickTriageKey = "quick-vendor-triage";
    public const string MedicalDeviceKey = "medical-device-mds2";

    /// <summary>Stable key, from the resource file name (e.g. "clinical-software-baseline").</summary>
    public string Key { get; }

    public TemplateDocument Document { get; }

    public LocalizedText Name => Document.Name;

    public static IReadOnlyList<BuiltInTemplate> All => Embedded.Value;

    public static BuiltInTemplate Get(string key) =>
        All.FirstOrDefault(t => t.Key == key) ?? throw new KeyNotFoundException($"There is no built-in template {key}.");

    private static List<BuiltInTemplate> LoadEmbedded()
    {
        var assembly = typeof(BuiltInTemplate).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new BuiltInTemplate(n[ResourcePrefix.Length..^".json".Length], QuestionnaireJson.Deserialize(Read(assembly, n))))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
