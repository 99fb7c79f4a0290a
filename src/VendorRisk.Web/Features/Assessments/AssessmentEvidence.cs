using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Evidence;

namespace VendorRisk.Web.Features.Assessments;

/// <summary>
/// Between the vault's documents and the questionnaire's evidence requests: which request type a
/// library document answers, and the attached versions as the pure rules (scorer, submit check)
/// read them.
/// </summary>
public static class AssessmentEvidence
{
    /// <summary>The evidence-request type a document of <paramref name="type"/> answers.</summary>
    public static EvidenceType RequestTypeOf(EvidenceDocumentType type) => type switch
    {
        EvidenceDocumentType.Iso27001Certificate => EvidenceType.Iso27001Certificate,
        EvidenceDocumentType.HdsCertificate => EvidenceType.HdsCertificate,
        EvidenceDocumentType.Soc2Type2Report => EvidenceType.Soc2Report,
        EvidenceDocumentType.PenetrationTestSummary => EvidenceType.PenetrationTestSummary,
        EvidenceDocumentType.Policy => EvidenceType.Policy,
        EvidenceDocumentType.InsuranceCertificate => EvidenceType.InsuranceCertificate,
        EvidenceDocumentType.BusinessContinuityPlan => EvidenceType.ProcedureOrPlan,
        _ => EvidenceType.Other,
    };

    /// <summary>Whether a document of <paramref name="type"/> is of a type <paramref name="question"/> accepts.</summary>
    public static bool Accepts(Question question, EvidenceDocumentType type)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.EvidenceTypes.Contains(RequestTypeOf(type));
    }

    /// <summary>The attached versions as evidence items (type and expiry of their document).</summary>
    public static IReadOnlyDictionary<Guid, EvidenceItem> Items(IReadOnlyDictionary<Guid, AttachedEvidence> attached)
    {
        ArgumentNullException.ThrowIfNull(attached);
        return attached.ToDictionary(a => a.Key, a => new EvidenceItem(a.Key, RequestTypeOf(a.Value.Type), a.Value.ExpiresOn));
    }
}
