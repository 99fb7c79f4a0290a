using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using VendorRisk.Domain.Audit;

namespace VendorRisk.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly Guid Tenant = Guid.Parse("6f1c1a52-3a61-4a55-9b0c-0d3d2f6f0001");
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    internal static List<AuditEvent> Chain(int length, Guid? chain = null)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= length; i++)
        {
            var entry = new AuditEvent(chain ?? Tenant, i, previous, Record(i));
            events.Add(entry);
            previous = entry.Hash;
        }

        return events;
    }

    internal static AuditRecord Record(int i) => new(
        Start.AddMinutes(i),
        "user-1",
        "Claire Martin",
        "Vendor.Changed",
        "Vendor",
        $"vendor-{i}",
        [new AuditFieldChange("LegalName", "Old", $"New {i}")],
        "192.0.2.10",
        "Firefox",
        $"trace-{i}");

    [Fact]
    public void The_first_entry_follows_the_genesis_hash_and_each_next_entry_the_previous_hash()
    {
        var chain = Chain(3);

        Assert.Equal(AuditChain.GenesisHash, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(chain[1].Hash, chain[2].PreviousHash);
        Assert.Equal([1L, 2L, 3L], chain.Select(e => e.Sequence));
    }

    [Fact]
    public void The_hash_is_sha256_of_0x01_previous_and_the_leaf_which_is_sha256_of_0x00_and_the_canonical_form()
    {
        var entry = Chain(1)[0];

        var leaf = SHA256.HashData([0x00, .. AuditChain.Canonical(entry)]);
        var expected = SHA256.HashData([0x01, .. new byte[32], .. leaf]);

        Assert.Equal(leaf, AuditChain.LeafHash(entry));
        Assert.Equal(Convert.ToHexStringLower(expected), entry.Hash);
    }

    [Fact]
    public void The_canonical_form_is_length_prefixed_so_that_moving_text_between_fields_changes_the_hash()
    {
        var a = new AuditEvent(Tenant, 1, AuditChain.GenesisHash, new AuditRecord(Start, null, "ab", "c", null, null, null, null, null, null));
        var b = new AuditEvent(Tenant, 1, AuditChain.GenesisHash, new AuditRecord(Start, null, "a", "bc", null, null, null, null, null, null));

        Assert.NotEqual(a.Hash, b.Hash);
        Assert.StartsWith("vendorrisk-audit-v1", Encoding.UTF8.GetString(AuditChain.Canonical(a)[5..24]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_field_and_an_empty_field_hash_differently()
    {
        var withNull = new AuditEvent(Tenant, 1, AuditChain.GenesisHash, new AuditRecord(Start, null, null, "x", null, null, null, null, null, null));
        var withEmpty = new AuditEvent(Tenant, 1, AuditChain.GenesisHash, new AuditRecord(Start, string.Empty, null, "x", null, null, null, null, null, null));

        Assert.NotEqual(withNull.Hash, withEmpty.Hash);
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_so_both_databases_return_the_hashed_instant()
    {
        var record = new AuditRecord(new DateTimeOffset(638_999_999_999_999_999, TimeSpan.FromHours(1)), null, null, "x", null, null, null, null, null, null);

        Assert.Equal(TimeSpan.Zero, record.OccurredAtUtc.Offset);
        Assert.Equal(0, record.OccurredAtUtc.UtcTicks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void Redacted_changes_keep_the_field_name_and_drop_both_values()
    {
        var json = AuditRecord.SerializeChanges([new AuditFieldChange("TokenHash", "secret-old", "secret-new", Redacted: true)]);

        Assert.DoesNotContain("secret", json, StringComparison.Ordinal);
        var field = Assert.Single(AuditRecord.DeserializeChanges(json));
        Assert.Equal("TokenHash", field.Field);
        Assert.True(field.Redacted);
    }

    [Fact]
    public void An_intact_chain_verifies_with_its_head_hash()
    {
        var chain = Chain(5);

        var result = AuditChainVerifier.Verify(Tenant, chain);

        Assert.True(result.IsIntact);
        Assert.Equal(5, result.Entries);
        Assert.Equal(chain[^1].Hash, result.HeadHash);
    }

    [Fact]
    public void An_empty_chain_verifies()
    {
        var result = AuditChainVerifier.Verify(Tenant, []);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.Entries);
    }

    [Fact]
    public void A_modified_field_is_reported_at_its_entry()
    {
        var chain = Chain(5);
        Set(chain[2], nameof(AuditEvent.ActorName), "Someone else");

        var result = AuditChainVerifier.Verify(Tenant, chain);

        Assert.Equal(new AuditChainBreak(3, AuditBreakKind.Modified, result.FirstBreak!.Detail), result.FirstBreak);
    }

    [Fact]
    public void A_deleted_entry_is_reported_as_missing_at_its_position()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        var result = AuditChainVerifier.Verify(Tenant, chain);

        Assert.Equal(2, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.Missing, result.FirstBreak.Kind);
    }

    [Fact]
    public void Swapping_the_sequence_numbers_of_two_entries_is_reported_at_the_first_of_them()
    {
        var chain = Chain(5);
        Set(chain[1], nameof(AuditEvent.Sequence), 3L);
        Set(chain[2], nameof(AuditEvent.Sequence), 2L);
        var reordered = chain.OrderBy(e => e.Sequence).ToList();

        var result = AuditChainVerifier.Verify(Tenant, reordered);

        Assert.Equal(2, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.Modified, result.FirstBreak.Kind);
    }

    [Fact]
    public void An_entry_rehashed_after_a_change_is_caught_by_the_next_entry_link()
    {
        var chain = Chain(4);

        // The attacker changes entry 2 and recomputes its hash, but cannot fix entry 3 without
        // recomputing the rest of the chain.
        var forged = new AuditEvent(Tenant, 2, chain[0].Hash, Record(99));
        chain[1] = forged;

        var result = AuditChainVerifier.Verify(Tenant, chain);

        Assert.Equal(3, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.BrokenLink, result.FirstBreak.Kind);
    }

    [Fact]
    public void A_wrong_previous_hash_is_reported()
    {
        var chain = Chain(3);
        var relinked = new AuditEvent(Tenant, 2, new string('a', 64), Record(2));
        chain[1] = relinked;

        var result = AuditChainVerifier.Verify(Tenant, chain);

        Assert.Equal(2, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.BrokenLink, result.FirstBreak.Kind);
    }

    [Fact]
    public void A_repeated_sequence_number_is_out_of_order()
    {
        var chain = Chain(3);
        chain.Insert(2, chain[1]);

        var result = AuditChainVerifier.Verify(Tenant, chain);

        Assert.Equal(3, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.OutOfOrder, result.FirstBreak.Kind);
    }

    [Fact]
    public void A_deleted_tail_passes_alone_but_is_truncated_against_the_exported_head()
    {
        var chain = Chain(5);
        var head = new AuditHead(Start.AddHours(1), Tenant, 5, chain[4].Hash);

        var shortened = chain.Take(3).ToList();

        Assert.True(AuditChainVerifier.Verify(Tenant, shortened).IsIntact);
        var result = AuditChainVerifier.Verify(Tenant, shortened, head);
        Assert.Equal(4, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.Truncated, result.FirstBreak.Kind);
    }

    [Fact]
    public void A_chain_rebuilt_from_scratch_differs_from_the_exported_head()
    {
        var original = Chain(3);
        var head = new AuditHead(Start.AddHours(1), Tenant, 3, original[2].Hash);

        // A consistent but different chain: every hash checks out on its own.
        var rebuilt = new List<AuditEvent>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= 4; i++)
        {
            var entry = new AuditEvent(Tenant, i, previous, Record(i + 100));
            rebuilt.Add(entry);
            previous = entry.Hash;
        }

        var result = AuditChainVerifier.Verify(Tenant, rebuilt, head);

        Assert.Equal(3, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.HeadMismatch, result.FirstBreak.Kind);
    }

    [Fact]
    public void A_chain_that_extends_the_exported_head_verifies()
    {
        var chain = Chain(6);
        var head = new AuditHead(Start.AddHours(1), Tenant, 4, chain[3].Hash);

        var result = AuditChainVerifier.Verify(Tenant, chain, head);

        Assert.True(result.IsIntact);
        Assert.Equal(head, result.CheckedAgainst);
    }

    [Fact]
    public void An_entry_belongs_to_one_chain_only()
    {
        var entry = Chain(1)[0];

        Assert.Throws<VendorRisk.Domain.Tenancy.TenantViolationException>(() => entry.AssignTenant(Guid.NewGuid()));
        entry.AssignTenant(Tenant);
    }

    private static void Set(AuditEvent entry, string property, object value) =>
        typeof(AuditEvent).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(entry, value);
}
