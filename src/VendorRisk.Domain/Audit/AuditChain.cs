using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VendorRisk.Domain.Audit;

/// <summary>
/// The hash construction of the audit chain, after RFC 6962 (Certificate Transparency), whose
/// distinct prefixes keep a leaf from ever being mistaken for an interior node:
/// <code>
/// leaf  = SHA-256(0x00 || canonical(event))
/// chain = SHA-256(0x01 || previous chain hash (32 bytes) || leaf)
/// </code>
/// The first entry's previous hash is <see cref="GenesisHash"/> (32 zero bytes). Hashes are
/// stored as lower-case hex. <c>canonical(event)</c> is the tag <c>vendorrisk-audit-v1</c>
/// followed by each field in a fixed order, each written as one byte (0 = null, 1 = present),
/// then — when present — its UTF-8 length as a 4-byte big-endian integer and its UTF-8 bytes:
/// chain (tenant id, "D" format), sequence (decimal), time (UTC ticks, decimal, whole
/// milliseconds), actor user id, actor name, action, target type, target id, changes (the stored
/// JSON text), IP address, user agent, correlation id. Length prefixes make the encoding
/// unambiguous; no field can bleed into the next. docs/security.md describes the same.
/// </summary>
public static class AuditChain
{
    /// <summary>The chain of platform events that belong to no organisation.</summary>
    public static readonly Guid PlatformChain = Guid.Empty;

    /// <summary>The previous hash of the first entry of every chain.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const string Tag = "vendorrisk-audit-v1";

    /// <summary>SHA-256(0x00 || canonical(event)).</summary>
    public static byte[] LeafHash(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = Canonical(entry);
        var buffer = new byte[canonical.Length + 1];
        buffer[0] = 0x00;
        canonical.CopyTo(buffer, 1);
        return SHA256.HashData(buffer);
    }

    /// <summary>SHA-256(0x01 || previous || leaf), as lower-case hex.</summary>
    public static string ChainHash(string previousHash, byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var previous = FromHex(previousHash);
        var buffer = new byte[1 + previous.Length + leafHash.Length];
        buffer[0] = 0x01;
        previous.CopyTo(buffer, 1);
        leafHash.CopyTo(buffer, 1 + previous.Length);
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    /// <summary>The canonical serialisation hashed into the leaf (see the type's remarks).</summary>
    public static byte[] Canonical(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = new MemoryStream();
        Write(stream, Tag);
        Write(stream, entry.TenantId.ToString("D"));
        Write(stream, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(stream, entry.OccurredAtUtc.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Write(stream, entry.ActorUserId);
        Write(stream, entry.ActorName);
        Write(stream, entry.Action);
        Write(stream, entry.TargetType);
        Write(stream, entry.TargetId);
        Write(stream, entry.Changes);
        Write(stream, entry.IpAddress);
        Write(stream, entry.UserAgent);
        Write(stream, entry.CorrelationId);
        return stream.ToArray();
    }

    private static void Write(MemoryStream stream, string? value)
    {
        if (value is null)
        {
            stream.WriteByte(0);
            return;
        }

        stream.WriteByte(1);
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }

    private static byte[] FromHex(string hash)
    {
        // A tampered previous hash that is not 64 hex digits simply yields a hash that matches nothing.
        if (hash is null || hash.Length != 64 || !hash.All(Uri.IsHexDigit))
        {
            return SHA256.HashData(Encoding.UTF8.GetBytes(hash ?? string.Empty));
        }

        return Convert.FromHexString(hash);
    }
}
