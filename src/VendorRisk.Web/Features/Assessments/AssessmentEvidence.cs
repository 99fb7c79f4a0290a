using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Evidence;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>
/// Between the vault's documents and the questionnaire's evidence requests: whether a library
/// document answers a request (the table is <see cref="EvidenceTypeMap"/>), and the attached
/// versions as the pure rules (scorer, submit check) read them.
/// </summary>
public static class AssessmentEvidence
{
    /// <summary>Whether a document of <paramref name="type"/> answers <paramref name="question"/> (<see cref="EvidenceTypeMap"/>).</summary>
    public static bool Accepts(Question question, EvidenceDocumentType type)
    {
        ArgumentNullException.ThrowIfNull(question);
        return EvidenceTypeMap.Answers(type, question.EvidenceTypes);
    }

    /// <summary>The attached versions as evidence items (type and expiry of their document).</summary>
    public static IReadOnlyDictionary<Guid, EvidenceItem> Items(IReadOnlyDictionary<Guid, AttachedEvidence> attached)
    {
        ArgumentNullException.ThrowIfNull(attached);
        return attached.ToDictionary(a => a.Key, a => new EvidenceItem(a.Key, a.Value.Type, a.Value.ExpiresOn));
    }

    /// <summary>
    /// The caller's library as the attach picker offers it for <paramref name="question"/>: the
    /// documents that answer it first (valid before expired, then by title), then the
    /// others, flagged as not answering it; documents without a stored version are left out.
    /// </summary>
    public static IReadOnlyList<PickerEntry> PickerEntries(Question question, IEnumerable<DocumentRow> library, IReadOnlyCollection<Guid> alreadyAttached)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(alreadyAttached);
        return library
            .Where(d => d.Current is not null && !alreadyAttached.Contains(d.Current.Id))
            .Select(d => new PickerEntry(d, Accepts(question, d.Type)))
            .OrderByDescending(e => e.Matches)
            .ThenBy(e => e.Document.Band == ExpiryBand.Expired)
            .ThenBy(e => e.Document.Title, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}

/// <summary>A library document in the attach picker; <see cref="Matches"/> is false for a type the request does not accept.</summary>
public sealed record PickerEntry(DocumentRow Document, bool Matches);
