using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using VendorRisk.Domain.Audit;

namespace VendorRisk.Infrastructure.Audit;

/// <summary>
/// The file outside the database where chain heads are appended, one JSON object per line:
/// <c>{"time":"2026-11-28T15:00:00.0000000+00:00","tenant":"…","sequence":42,"hash":"…"}</c>.
/// An attacker who rewrites or truncates a chain in the database cannot make it agree with heads
/// already written here (ship the file to append-only storage or a log sink to make that hold
/// against an attacker on the app server too).
/// </summary>
public sealed class AuditHeadFile(string path)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public string Path { get; } = path;

    /// <summary>The last exported head of each chain; empty when the file does not exist yet.</summary>
    public IReadOnlyDictionary<Guid, AuditHead> ReadLastHeads()
    {
        var heads = new Dictionary<Guid, AuditHead>();
        if (!File.Exists(Path))
        {
            return heads;
        }

        foreach (var line in File.ReadLines(Path))
        {
            if (Parse(line) is { } head && (!heads.TryGetValue(head.Chain, out var known) || head.Sequence >= known.Sequence))
            {
                heads[head.Chain] = head;
            }
        }

        return heads;
    }

    /// <summary>Appends heads (one line each) and flushes them to disk.</summary>
    public void Append(IEnumerable<AuditHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        foreach (var head in heads)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Line(head.ExportedAtUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), head.Chain, head.Sequence, head.Hash), Json));
        }

        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private static AuditHead? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<Line>(line, Json);
            return parsed is null || parsed.Hash is null || !DateTimeOffset.TryParse(parsed.Time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                ? null
                : new AuditHead(time, parsed.Tenant, parsed.Sequence, parsed.Hash);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Line(
        [property: JsonPropertyName("time")] string Time,
        [property: JsonPropertyName("tenant")] Guid Tenant,
        [property: JsonPropertyName("sequence")] long Sequence,
        [property: JsonPropertyName("hash")] string Hash);
}
