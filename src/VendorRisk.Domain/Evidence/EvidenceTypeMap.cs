using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Domain.Evidence;

/// <summary>
/// The one place that says which vault document types answer which questionnaire evidence types
/// (docs/scoring.md, "Document types and evidence types"). The scorer, the portal's attach picker
/// (matching documents first) and the attach check (mismatches refused) all read this table.
/// </summary>
public static class EvidenceTypeMap
{
    /// <summary>For each evidence type a question may request, the document types that answer it. Every request type is listed.</summary>
    public static IReadOnlyDictionary<EvidenceType, IReadOnlyList<EvidenceDocumentType>> DocumentTypesByRequest { get; } =
        new Dictionary<EvidenceType, IReadOnlyList<EvidenceDocumentType>>
        {
            [EvidenceType.Iso27001Certificate] = [EvidenceDocumentType.Iso27001Certificate],
            [EvidenceType.HdsCertificate] = [EvidenceDocumentType.HdsCertificate],
            [EvidenceType.Soc2Report] = [EvidenceDocumentType.Soc2Type2Report],
            [EvidenceType.PenetrationTestSummary] = [EvidenceDocumentType.PenetrationTestSummary],
            [EvidenceType.Policy] = [EvidenceDocumentType.Policy],
            [EvidenceType.ProcedureOrPlan] = [EvidenceDocumentType.BusinessContinuityPlan],
            [EvidenceType.InsuranceCertificate] = [EvidenceDocumentType.InsuranceCertificate],

            // The vault has no software-bill-of-materials type: a vendor files one as "other".
            [EvidenceType.SoftwareBillOfMaterials] = [EvidenceDocumentType.Other],
            [EvidenceType.Other] = [EvidenceDocumentType.Other, EvidenceDocumentType.Contract, EvidenceDocumentType.DataProcessingAgreement],
        };

    /// <summary>The document types that answer a request for <paramref name="type"/>.</summary>
    public static IReadOnlyList<EvidenceDocumentType> DocumentTypesFor(EvidenceType type) =>
        DocumentTypesByRequest.TryGetValue(type, out var types) ? types : [];

    /// <summary>Whether a document of <paramref name="documentType"/> answers a request accepting <paramref name="requested"/>.</summary>
    public static bool Answers(EvidenceDocumentType documentType, IEnumerable<EvidenceType> requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return requested.Any(r => DocumentTypesFor(r).Contains(documentType));
    }

    /// <summary>The document types that answer at least one of <paramref name="requested"/>, in the order of the request.</summary>
    public static IReadOnlyList<EvidenceDocumentType> DocumentTypesFor(IEnumerable<EvidenceType> requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return requested.SelectMany(DocumentTypesFor).Distinct().ToList();
    }
}
