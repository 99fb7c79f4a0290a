namespace VendorRisk.Domain.Audit;

/// <summary>How a chain is broken at its first broken link.</summary>
public enum AuditBreakKind
{
    /// <summary>The entry's content no longer gives its stored hash: a field, its sequence or its hash was changed.</summary>
    Modified = 1,

    /// <summary>The entry's previous hash is not the hash of the entry before it: an entry was replaced, re-chained or moved.</summary>
    BrokenLink = 2,

    /// <summary>A sequence number is missing: entries were deleted.</summary>
    Missing = 3,

    /// <summary>A sequence number repeats or goes backwards.</summary>
    OutOfOrder = 4,

    /// <summary>The chain ends before the last head exported outside the database: its tail was deleted.</summary>
    Truncated = 5,

    /// <summary>The entry at the last exported head's position does not have the exported hash: the chain was rewritten.</summary>
    HeadMismatch = 6,
}

/// <summary>The first broken link of a chain: the position where trust ends, and why.</summary>
public sealed record AuditChainBreak(long Sequence, AuditBreakKind Kind, string Detail);

/// <summary>A head exported outside the database: at <see cref="ExportedAtUtc"/>, chain <see cref="Chain"/> ended at <see cref="Sequence"/> with <see cref="Hash"/>.</summary>
public sealed record AuditHead(DateTimeOffset ExportedAtUtc, Guid Chain, long Sequence, string Hash);

/// <summary>The result of walking one chain.</summary>
public sealed record AuditChainVerification(Guid Chain, long Entries, string HeadHash, AuditChainBreak? FirstBreak, AuditHead? CheckedAgainst)
{
    public bool IsIntact => FirstBreak is null;
}

/// <summary>
/// Walks one chain in sequence order and stops at the first broken link. Pure: it reads entries
/// as the database returns them (ordered by sequence) and compares with the last head exported
/// outside the database, which is what catches a deleted tail that leaves a valid shorter chain.
/// </summary>
public sealed class AuditChainVerifier(Guid chain, AuditHead? lastExportedHead = null)
{
    private long _expected = 1;
    private string _previous = AuditChain.GenesisHash;
    private AuditChainBreak? _break;

    /// <summary>False once the chain is broken (further entries are not looked at).</summary>
    public bool IsIntact => _break is null;

    public static AuditChainVerification Verify(Guid chain, IEnumerable<AuditEvent> entriesInSequenceOrder, AuditHead? lastExportedHead = null)
    {
        ArgumentNullException.ThrowIfNull(entriesInSequenceOrder);
        var verifier = new AuditChainVerifier(chain, lastExportedHead);
        foreach (var entry in entriesInSequenceOrder)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Complete();
    }

    /// <summary>Checks the next entry; returns false when the chain is broken.</summary>
    public bool Add(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_break is not null)
        {
            return false;
        }

        if (entry.Sequence > _expected)
        {
            _break = new(_expected, AuditBreakKind.Missing, entry.Sequence == _expected + 1
                ? $"entry {_expected} is missing (the next entry is {entry.Sequence})"
                : $"entries {_expected} to {entry.Sequence - 1} are missing");
            return false;
        }

        if (entry.Sequence < _expected)
        {
            _break = new(_expected, AuditBreakKind.OutOfOrder, $"entry {entry.Sequence} appears again where entry {_expected} was expected");
            return false;
        }

        var recomputed = AuditChain.ChainHash(entry.PreviousHash, AuditChain.LeafHash(entry));
        if (!string.Equals(recomputed, entry.Hash, StringComparison.Ordinal))
        {
            _break = new(entry.Sequence, AuditBreakKind.Modified, $"entry {entry.Sequence} does not match its hash: it was changed after it was written");
            return false;
        }

        if (!string.Equals(entry.PreviousHash, _previous, StringComparison.Ordinal))
        {
            _break = new(entry.Sequence, AuditBreakKind.BrokenLink, $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: its previous hash differs");
            return false;
        }

        if (lastExportedHead is { } head && head.Sequence == entry.Sequence && !string.Equals(head.Hash, entry.Hash, StringComparison.Ordinal))
        {
            _break = new(entry.Sequence, AuditBreakKind.HeadMismatch, $"entry {entry.Sequence} differs from the head exported at {head.ExportedAtUtc:O}: the chain was rewritten");
            return false;
        }

        _previous = entry.Hash;
        _expected++;
        return true;
    }

    /// <summary>Ends the walk: also checks that the chain reaches the last exported head.</summary>
    public AuditChainVerification Complete()
    {
        var entries = _expected - 1;
        if (_break is null && lastExportedHead is { } head && head.Sequence > entries)
        {
            _break = new(entries + 1, AuditBreakKind.Truncated, $"the chain ends at entry {entries} but entry {head.Sequence} was exported at {head.ExportedAtUtc:O}: its tail was deleted");
        }

        return new AuditChainVerification(chain, entries, _previous, _break, lastExportedHead);
    }
}
