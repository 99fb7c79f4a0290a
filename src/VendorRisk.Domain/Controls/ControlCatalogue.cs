using System.Globalization;
using System.Reflection;

namespace VendorRisk.Domain.Controls;

/// <summary>
/// The control catalogue shipped with the application: the frameworks questions map to. Loaded
/// once from the CSV files embedded in this assembly (see Controls/Data/README.md for sources and
/// licensing), read-only and shared by all tenants.
/// </summary>
public sealed class ControlCatalogue
{
    public const string NistCsf2 = "nist-csf-2.0";
    public const string Iso27001 = "iso27001-2022";
    public const string HdsV2 = "hds-v2";
    public const string Nis2 = "nis2";
    public const string Nis2ImplementingRegulation = "nis2-ir-2024-2690";
    public const string Hipaa = "hipaa-164.312";

    private const string ResourcePrefix = "VendorRisk.Domain.Controls.Data.";
    private static readonly string[] ExpectedHeader = ["framework", "id", "parent_id", "level", "name", "description"];

    private static readonly Dictionary<string, string> FrameworkNames = new(StringComparer.Ordinal)
    {
        [NistCsf2] = "NIST Cybersecurity Framework 2.0",
        [Iso27001] = "ISO/IEC 27001:2022 Annex A",
        [HdsV2] = "HDS v2 (hébergement de données de santé)",
        [Nis2] = "NIS2 Directive (EU) 2022/2555 art. 21",
        [Nis2ImplementingRegulation] = "NIS2 Implementing Regulation (EU) 2024/2690, supply chain security",
        [Hipaa] = "HIPAA 45 CFR 164.312 technical safeguards",
    };

    private static readonly Lazy<ControlCatalogue> Embedded = new(LoadEmbedded);

    private readonly Dictionary<(string Framework, string Id), Control> _byKey;

    private ControlCatalogue(IReadOnlyList<Control> controls)
    {
        Controls = controls;
        _byKey = new Dictionary<(string, string), Control>();
        foreach (var control in controls)
        {
            if (!_byKey.TryAdd((control.Framework, control.Id), control))
            {
                throw new InvalidDataException($"Control {control.Framework} {control.Id} is listed twice.");
            }
        }

        Frameworks = controls
            .GroupBy(c => c.Framework, StringComparer.Ordinal)
            .Select(g => new ControlFramework(g.Key, FrameworkNames[g.Key], g.Count()))
            .ToList();
    }

    /// <summary>The catalogue embedded in this assembly.</summary>
    public static ControlCatalogue Default => Embedded.Value;

    public IReadOnlyList<ControlFramework> Frameworks { get; }

    public IReadOnlyList<Control> Controls { get; }

    public bool Exists(string framework, string controlId) =>
        framework is not null && controlId is not null && _byKey.ContainsKey((framework, controlId));

    public Control? Find(string framework, string controlId) =>
        framework is not null && controlId is not null && _byKey.TryGetValue((framework, controlId), out var control) ? control : null;

    public IEnumerable<Control> InFramework(string framework) =>
        Controls.Where(c => string.Equals(c.Framework, framework, StringComparison.Ordinal));

    /// <summary>
    /// Controls whose id, name or description contains <paramref name="text"/>, ignoring case and
    /// accents ("securite" finds "sécurité"). Id matches come first.
    /// </summary>
    public IReadOnlyList<Control> Search(string text, string? framework = null, int maxResults = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var term = text.Trim();
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        bool Contains(string source) => compare.IndexOf(source, term, options) >= 0;

        var candidates = framework is null ? Controls : InFramework(framework);
        return candidates
            .Select(c => (Control: c, Rank: Contains(c.Id) ? 0 : Contains(c.Name) || Contains(c.Description) ? 1 : 2))
            .Where(x => x.Rank < 2)
            .OrderBy(x => x.Rank)
            .Take(maxResults)
            .Select(x => x.Control)
            .ToList();
    }

    /// <summary>Builds a catalogue from CSV texts in the shipped format; used for the embedded data and by tests.</summary>
    /// <exception cref="InvalidDataException">A file is malformed, a framework is unknown or an id is duplicated.</exception>
    public static ControlCatalogue FromCsv(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var controls = new List<Control>();
        foreach (var (name, text) in files)
        {
            IReadOnlyList<IReadOnlyList<string>> rows;
            try
            {
                rows = CsvReader.Parse(text);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"{name}: {ex.Message}", ex);
            }

            if (rows.Count == 0 || !rows[0].SequenceEqual(ExpectedHeader, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{name}: the header must be {string.Join(',', ExpectedHeader)}.");
            }

            for (var i = 1; i < rows.Count; i++)
            {
                var row = rows[i];
                if (row.Count != ExpectedHeader.Length)
                {
                    throw new InvalidDataException($"{name}, row {i + 1}: {row.Count} columns instead of {ExpectedHeader.Length}.");
                }

                if (!FrameworkNames.ContainsKey(row[0]))
                {
                    throw new InvalidDataException($"{name}, row {i + 1}: unknown framework '{row[0]}'.");
                }

                if (string.IsNullOrWhiteSpace(row[1]))
                {
                    throw new InvalidDataException($"{name}, row {i + 1}: the id is empty.");
                }

                if (!int.TryParse(row[3], NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level < 1)
                {
                    throw new InvalidDataException($"{name}, row {i + 1}: the level '{row[3]}' is not a positive number.");
                }

                controls.Add(new Control(row[0], row[1], row[2].Length == 0 ? null : row[2], level, row[4], row[5]));
            }
        }

        return new ControlCatalogue(controls);
    }

    private static ControlCatalogue LoadEmbedded()
    {
        var assembly = typeof(ControlCatalogue).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, ReadResource(assembly, n)))
            .ToList();
        return FromCsv(files);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
