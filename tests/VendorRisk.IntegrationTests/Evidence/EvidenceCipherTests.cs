using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using VendorRisk.Infrastructure.Evidence;

namespace VendorRisk.IntegrationTests.Evidence;

/// <summary>The chunked AES-GCM format and the per-tenant key wrapping, without a database.</summary>
public sealed class EvidenceCipherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EvidenceCipher.DefaultChunkSize - 1)]
    [InlineData(EvidenceCipher.DefaultChunkSize)]
    [InlineData(EvidenceCipher.DefaultChunkSize + 1)]
    [InlineData((3 * EvidenceCipher.DefaultChunkSize) + 17)]
    public async Task Encryption_round_trips_and_reports_the_plaintext_hash(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);
        var key = EvidenceCipher.NewKey();
        using var cipher = new MemoryStream();
        var (written, sha) = await EvidenceCipher.EncryptAsync(new MemoryStream(plain), cipher, key, Ct);
        Assert.Equal(length, written);
        Assert.Equal(SHA256.HashData(plain), sha);
        Assert.Equal(EvidenceCipher.CiphertextLength(length), cipher.Length);

        cipher.Position = 0;
        using var output = new MemoryStream();
        var (read, readSha) = await EvidenceCipher.DecryptAsync(cipher, output, key, Ct);
        Assert.Equal(plain, output.ToArray());
        Assert.Equal((long)length, read);
        Assert.Equal(sha, readSha);
    }

    [Fact]
    public async Task Any_changed_byte_a_dropped_chunk_a_truncation_or_another_key_fails_authentication()
    {
        var plain = RandomNumberGenerator.GetBytes((2 * EvidenceCipher.DefaultChunkSize) + 100);
        var key = EvidenceCipher.NewKey();
        using var cipher = new MemoryStream();
        await EvidenceCipher.EncryptAsync(new MemoryStream(plain), cipher, key, Ct);
        var good = cipher.ToArray();

        foreach (var offset in new[] { 5, 20, 40_000, good.Length - 1 })
        {
            var bad = (byte[])good.Clone();
            bad[offset] ^= 0x80;
            await Assert.ThrowsAsync<EvidenceIntegrityException>(() => EvidenceCipher.DecryptAsync(new MemoryStream(bad), null, key, Ct));
        }

        var block = EvidenceCipher.DefaultChunkSize + 16;
        byte[] withoutLastChunk = good[..(16 + (2 * block))];
        await Assert.ThrowsAsync<EvidenceIntegrityException>(() => EvidenceCipher.DecryptAsync(new MemoryStream(withoutLastChunk), null, key, Ct));
        byte[] swapped = [.. good[..16], .. good[(16 + block)..(16 + (2 * block))], .. good[16..(16 + block)], .. good[(16 + (2 * block))..]];
        await Assert.ThrowsAsync<EvidenceIntegrityException>(() => EvidenceCipher.DecryptAsync(new MemoryStream(swapped), null, key, Ct));
        await Assert.ThrowsAsync<EvidenceIntegrityException>(() => EvidenceCipher.DecryptAsync(new MemoryStream(good[..^1]), null, key, Ct));
        await Assert.ThrowsAsync<EvidenceIntegrityException>(() => EvidenceCipher.DecryptAsync(new MemoryStream(good), null, EvidenceCipher.NewKey(), Ct));
        await Assert.ThrowsAsync<EvidenceIntegrityException>(() => EvidenceCipher.DecryptAsync(new MemoryStream(good[..10]), null, key, Ct));
    }

    [Fact]
    public void A_data_key_wrapped_for_one_tenant_cannot_be_unwrapped_as_another()
    {
        var ring = new EvidenceKeyRing(new EphemeralDataProtectionProvider());
        var key = EvidenceCipher.NewKey();
        var a = Guid.NewGuid();
        var wrapped = ring.Wrap(a, key);
        Assert.Equal(key, ring.Unwrap(a, wrapped));
        Assert.Throws<EvidenceIntegrityException>(() => ring.Unwrap(Guid.NewGuid(), wrapped));
        wrapped[^1] ^= 1;
        Assert.Throws<EvidenceIntegrityException>(() => ring.Unwrap(a, wrapped));
    }

    [Theory]
    [InlineData("stream: OK\0", "Clean", null)]
    [InlineData("stream: Eicar-Signature FOUND\0", "Infected", "Eicar-Signature")]
    [InlineData("INSTREAM size limit exceeded. ERROR\0", "Failed", "INSTREAM size limit exceeded. ERROR")]
    [InlineData("", "Failed", "The scanner gave no answer.")]
    public void Clamd_replies_are_read_strictly(string reply, string outcome, string? detail)
    {
        var verdict = ClamAvScanner.Parse(reply);
        Assert.Equal(outcome, verdict.Outcome.ToString());
        Assert.Equal(detail, verdict.Detail);
    }
}
