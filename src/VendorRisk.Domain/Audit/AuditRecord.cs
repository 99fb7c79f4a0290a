using System.Text.Json;
using System.Text.Json.Serialization;

namespace VendorRisk.Domain.Audit;

/// <summary>
/// An audit event before it takes its place in a chain: everything but the sequence and hashes.
/// Lengths are capped here so that the hashed value is exactly the stored value.
/// </summary>
public sealed record AuditRecord
{
    private const int MaxValueLength = 500;
    private const int MaxChangesLength = 60_000;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,

        // Readable in the CSV export (no \u002B for "+"); the value is HTML-encoded wherever it is shown.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public AuditRecord(
        DateTimeOffset occurredAtUtc,
        string? actorUserId,
        string? actorName,
        string action,
        string? targetType,
        string? targetId,
        IReadOnlyList<AuditFieldChange>? changes,
        string? ipAddress,
        string? userAgent,
        string? correlationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);

        // PostgreSQL keeps microseconds and the SQLite mapping 100 microseconds: truncate to the
        // millisecond so that both databases return exactly the instant that was hashed.
        var utc = occurredAtUtc.ToUniversalTime();
        OccurredAtUtc = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        ActorUserId = Cap(actorUserId, 450);
        ActorName = Cap(actorName, AuditEvent.ActorNameMaxLength);
        Action = Cap(action, AuditEvent.ActionMaxLength)!;
        TargetType = Cap(targetType, AuditEvent.TargetTypeMaxLength);
        TargetId = Cap(targetId, AuditEvent.TargetIdMaxLength);
        ChangesJson = SerializeChanges(changes);
        IpAddress = Cap(ipAddress, AuditEvent.IpAddressMaxLength);
        UserAgent = Cap(userAgent, AuditEvent.UserAgentMaxLength);
        CorrelationId = Cap(correlationId, AuditEvent.CorrelationIdMaxLength);
    }

    public DateTimeOffset OccurredAtUtc { get; }

    public string? ActorUserId { get; }

    public string? ActorName { get; private init; }

    /// <summary>
    /// The record as it is chained: a known account is named by its id only, its display name
    /// goes to the erasable <see cref="AuditActorName"/> table (ADR 0013). Records without an
    /// account (a typed e-mail, the platform) keep their name.
    /// </summary>
    public AuditRecord ForChain() => ActorUserId is null ? this : this with { ActorName = null };

    public string Action { get; }

    public string? TargetType { get; }

    public string? TargetId { get; }

    public string? ChangesJson { get; }

    public string? IpAddress { get; }

    public string? UserAgent { get; }

    public string? CorrelationId { get; }

    /// <summary>The changes as compact JSON, values capped at 500 characters, redacted values dropped; null when none.</summary>
    public static string? SerializeChanges(IReadOnlyList<AuditFieldChange>? changes)
    {
        if (changes is null || changes.Count == 0)
        {
            return null;
        }

        var capped = changes
            .Select(c => c.Redacted
                ? new AuditFieldChange(c.Field, null, null, Redacted: true)
                : c with { OldValue = Cap(c.OldValue, MaxValueLength), NewValue = Cap(c.NewValue, MaxValueLength) })
            .ToList();
        var json = JsonSerializer.Serialize(capped, JsonOptions);
        while (json.Length > MaxChangesLength && capped.Count > 1)
        {
            capped.RemoveAt(capped.Count - 1);
            json = JsonSerializer.Serialize(capped, JsonOptions);
        }

        return json;
    }

    public static IReadOnlyList<AuditFieldChange> DeserializeChanges(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<AuditFieldChange>>(json, JsonOptions) ?? [];
        }
        catch (JsonException)
        {
            // A tampered row may hold anything; the verifier reports it, display must not crash.
            return [new AuditFieldChange("?", null, json)];
        }
    }

    private static string? Cap(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}
