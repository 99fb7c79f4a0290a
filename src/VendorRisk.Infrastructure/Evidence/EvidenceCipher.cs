using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VendorRisk.Infrastructure.Evidence;

/// <summary>A stored file failed authentication (tampered, truncated, wrong key) or its hash differs from the recorded one.</summary>
public sealed class EvidenceIntegrityException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Streams a file through AES-256-GCM in fixed-size chunks (the STREAM construction), so a 25 MB
/// upload never sits whole in memory and every chunk is authenticated before its bytes are
/// released. Layout: a 16-byte header (magic "VRE1", chunk size, reserved), then chunks of
/// ciphertext + 16-byte tag. Each chunk's nonce is its index plus a "last chunk" flag, unique under
/// the file's own random key; reordering, dropping or appending chunks fails authentication.
/// </summary>
public static class EvidenceCipher
{
    public const int KeySize = 32;
    public const int DefaultChunkSize = 64 * 1024;
    private const int TagSize = 16;
    private const int NonceSize = 12;
    private const int HeaderSize = 16;
    private static readonly byte[] Magic = "VRE1"u8.ToArray();

    /// <summary>A fresh random data key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    /// <summary>The ciphertext length for a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public static long CiphertextLength(long plaintextLength, int chunkSize = DefaultChunkSize)
    {
        var chunks = Math.Max(1, (plaintextLength + chunkSize - 1) / chunkSize);
        return HeaderSize + plaintextLength + (chunks * TagSize);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="destination"/>; returns its length and SHA-256.</summary>
    public static async Task<(long Length, byte[] Sha256)> EncryptAsync(Stream plaintext, Stream destination, byte[] key, CancellationToken cancellationToken, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 16);
        var header = Header(chunkSize);
        await destination.WriteAsync(header, cancellationToken);

        using var aes = new AesGcm(key, TagSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var current = new byte[chunkSize];
        var next = new byte[chunkSize];
        var output = new byte[chunkSize + TagSize];
        var nonce = new byte[NonceSize];
        long index = 0;
        long total = 0;

        var currentLength = await plaintext.ReadAtLeastAsync(current, chunkSize, throwOnEndOfStream: false, cancellationToken);
        while (true)
        {
            var nextLength = currentLength == chunkSize
                ? await plaintext.ReadAtLeastAsync(next, chunkSize, throwOnEndOfStream: false, cancellationToken)
                : 0;
            var last = nextLength == 0;
            hash.AppendData(current, 0, currentLength);
            total += currentLength;
            Nonce(nonce, index, last);
            aes.Encrypt(nonce, current.AsSpan(0, currentLength), output.AsSpan(0, currentLength), output.AsSpan(currentLength, TagSize), header);
            await destination.WriteAsync(output.AsMemory(0, currentLength + TagSize), cancellationToken);
            if (last)
            {
                break;
            }

            (current, next) = (next, current);
            currentLength = nextLength;
            index++;
        }

        await destination.FlushAsync(cancellationToken);
        return (total, hash.GetHashAndReset());
    }

    /// <summary>
    /// Decrypts <paramref name="ciphertext"/>, writing each authenticated chunk to
    /// <paramref name="destination"/> (none: only verify); returns the plaintext length and SHA-256.
    /// Throws <see cref="EvidenceIntegrityException"/> on any tampering or truncation.
    /// </summary>
    public static async Task<(long Length, byte[] Sha256)> DecryptAsync(Stream ciphertext, Stream? destination, byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(key);
        var header = new byte[HeaderSize];
        if (await ciphertext.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken) != HeaderSize
            || !header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new EvidenceIntegrityException("The stored file has no valid header.");
        }

        var chunkSize = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        if (chunkSize is < 16 or > 16 * 1024 * 1024)
        {
            throw new EvidenceIntegrityException("The stored file's header is invalid.");
        }

        try
        {
            using var aes = new AesGcm(key, TagSize);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var block = chunkSize + TagSize;
            var current = new byte[block];
            var next = new byte[block];
            var plain = new byte[chunkSize];
            var nonce = new byte[NonceSize];
            long index = 0;
            long total = 0;
            var currentLength = await ciphertext.ReadAtLeastAsync(current, block, throwOnEndOfStream: false, cancellationToken);
            while (true)
            {
                if (currentLength < TagSize)
                {
                    throw new EvidenceIntegrityException("The stored file is truncated.");
                }

                var nextLength = currentLength == block
                    ? await ciphertext.ReadAtLeastAsync(next, block, throwOnEndOfStream: false, cancellationToken)
                    : 0;
                var last = nextLength == 0;
                var dataLength = currentLength - TagSize;
                Nonce(nonce, index, last);
                aes.Decrypt(nonce, current.AsSpan(0, dataLength), current.AsSpan(dataLength, TagSize), plain.AsSpan(0, dataLength), header);
                hash.AppendData(plain, 0, dataLength);
                total += dataLength;
                if (destination is not null)
                {
                    await destination.WriteAsync(plain.AsMemory(0, dataLength), cancellationToken);
                }

                if (last)
                {
                    break;
                }

                (current, next) = (next, current);
                currentLength = nextLength;
                index++;
            }

            return (total, hash.GetHashAndReset());
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new EvidenceIntegrityException("The stored file failed authentication: it was changed or truncated.", ex);
        }
        catch (CryptographicException ex)
        {
            throw new EvidenceIntegrityException("The stored file could not be decrypted.", ex);
        }
    }

    private static byte[] Header(int chunkSize)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), chunkSize);
        return header;
    }

    private static void Nonce(Span<byte> nonce, long index, bool last)
    {
        BinaryPrimitives.WriteInt64BigEndian(nonce, index);
        BinaryPrimitives.WriteInt32BigEndian(nonce[8..], last ? 1 : 0);
    }
}
