using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Domain.Tests.Evidence;

public sealed class EvidenceTypeMapTests
{
    [Fact]
    public void Every_requested_evidence_type_is_answered_by_at_least_one_document_type()
    {
        foreach (var requested in Enum.GetValues<EvidenceType>())
        {
            Assert.NotEmpty(EvidenceTypeMap.DocumentTypesFor(requested));
        }
    }

    [Fact]
    public void Every_document_type_answers_at_least_one_requested_evidence_type()
    {
        foreach (var document in Enum.GetValues<EvidenceDocumentType>())
        {
            Assert.True(
                Enum.GetValues<EvidenceType>().Any(r => EvidenceTypeMap.Answers(document, [r])),
                $"{document} answers no evidence request: a vendor could store it but never attach it.");
        }
    }

    [Theory]
    [InlineData(EvidenceDocumentType.Iso27001Certificate, EvidenceType.Iso27001Certificate)]
    [InlineData(EvidenceDocumentType.HdsCertificate, EvidenceType.HdsCertificate)]
    [InlineData(EvidenceDocumentType.Soc2Type2Report, EvidenceType.Soc2Report)]
    [InlineData(EvidenceDocumentType.PenetrationTestSummary, EvidenceType.PenetrationTestSummary)]
    [InlineData(EvidenceDocumentType.Policy, EvidenceType.Policy)]
    [InlineData(EvidenceDocumentType.InsuranceCertificate, EvidenceType.InsuranceCertificate)]
    [InlineData(EvidenceDocumentType.BusinessContinuityPlan, EvidenceType.ProcedureOrPlan)]
    [InlineData(EvidenceDocumentType.Other, EvidenceType.SoftwareBillOfMaterials)]
    [InlineData(EvidenceDocumentType.Other, EvidenceType.Other)]
    [InlineData(EvidenceDocumentType.Contract, EvidenceType.Other)]
    [InlineData(EvidenceDocumentType.DataProcessingAgreement, EvidenceType.Other)]
    public void The_documented_pairs_match(EvidenceDocumentType document, EvidenceType requested) =>
        Assert.True(EvidenceTypeMap.Answers(document, [requested]));

    [Theory]
    [InlineData(EvidenceDocumentType.Iso27001Certificate, EvidenceType.HdsCertificate)]
    [InlineData(EvidenceDocumentType.HdsCertificate, EvidenceType.Iso27001Certificate)]
    [InlineData(EvidenceDocumentType.Policy, EvidenceType.ProcedureOrPlan)]
    [InlineData(EvidenceDocumentType.BusinessContinuityPlan, EvidenceType.Policy)]
    [InlineData(EvidenceDocumentType.Other, EvidenceType.Iso27001Certificate)]
    [InlineData(EvidenceDocumentType.PenetrationTestSummary, EvidenceType.Soc2Report)]
    public void A_certificate_of_another_kind_does_not_answer(EvidenceDocumentType document, EvidenceType requested) =>
        Assert.False(EvidenceTypeMap.Answers(document, [requested]));

    [Fact]
    public void Each_document_type_except_other_and_the_hospitals_own_answers_exactly_one_request_type()
    {
        foreach (var document in Enum.GetValues<EvidenceDocumentType>().Where(d => d is not (EvidenceDocumentType.Other or EvidenceDocumentType.Contract or EvidenceDocumentType.DataProcessingAgreement)))
        {
            Assert.Single(Enum.GetValues<EvidenceType>(), r => EvidenceTypeMap.Answers(document, [r]));
        }
    }

    [Fact]
    public void The_document_types_of_a_request_follow_its_order_without_duplicates() =>
        Assert.Equal(
            [EvidenceDocumentType.HdsCertificate, EvidenceDocumentType.Other, EvidenceDocumentType.Contract, EvidenceDocumentType.DataProcessingAgreement, EvidenceDocumentType.Iso27001Certificate],
            EvidenceTypeMap.DocumentTypesFor([EvidenceType.HdsCertificate, EvidenceType.Other, EvidenceType.SoftwareBillOfMaterials, EvidenceType.Iso27001Certificate]));
}
