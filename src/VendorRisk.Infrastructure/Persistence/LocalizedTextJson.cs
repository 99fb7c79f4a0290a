using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>An optional <see cref="LocalizedText"/> stored as <c>{"fr":"…","en":"…"}</c>.</summary>
internal static class LocalizedTextJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static readonly ValueConverter<LocalizedText?, string?> Converter = new(
        v => v == null ? null : JsonSerializer.Serialize(v, Options),
        v => v == null ? null : JsonSerializer.Deserialize<LocalizedText>(v, Options));

    // LocalizedText is an immutable record: value equality is the right comparison.
    public static readonly ValueComparer<LocalizedText?> Comparer = new(
        (a, b) => Equals(a, b),
        v => v == null ? 0 : v.GetHashCode(),
        v => v);
}
