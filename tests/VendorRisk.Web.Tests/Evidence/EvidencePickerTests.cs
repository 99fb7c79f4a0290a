using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Web.Features.Assessments;
using VendorRisk.Web.Features.Evidence;

namespace VendorRisk.Web.Tests.Evidence;

/// <summary>The order and flags of the portal's attach picker (<see cref="AssessmentEvidence.PickerEntries"/>).</summary>
public sealed class EvidencePickerTests
{
    private static DocumentRow Row(string title, EvidenceDocumentType type, ExpiryBand band = ExpiryBand.None, bool stored = true) => new(
        Guid.NewGuid(), type, title, null, null, null, band,
        stored ? new VersionRow(Guid.NewGuid(), 1, "file.pdf", EvidenceFileKind.Pdf, 10, new string('0', 64), DateTimeOffset.UnixEpoch, null, EvidenceScanStatus.Clean, null) : null,
        stored ? 1 : 0, null);

    private static Question IsoRequest()
    {
        var version = QuestionnaireTemplate.Create(new LocalizedText("T", "T"), null, DateTimeOffset.UnixEpoch).Draft!;
        version.AddSection("s1", new LocalizedText("S", "S"));
        var question = version.AddQuestion("s1", "iso", QuestionType.EvidenceRequest, new LocalizedText("ISO", "ISO"));
        question.SetEvidenceRequest([EvidenceType.Iso27001Certificate], mustNotBeExpired: true);
        return question;
    }

    [Fact]
    public void Matching_documents_come_first_valid_before_expired_then_the_others_flagged()
    {
        var policy = Row("A policy", EvidenceDocumentType.Policy);
        var expiredIso = Row("B old ISO", EvidenceDocumentType.Iso27001Certificate, ExpiryBand.Expired);
        var iso = Row("C ISO 2026", EvidenceDocumentType.Iso27001Certificate, ExpiryBand.Within30Days);
        var hds = Row("D HDS", EvidenceDocumentType.HdsCertificate);
        var unstored = Row("E upload failed", EvidenceDocumentType.Iso27001Certificate, stored: false);
        var attached = Row("F already attached", EvidenceDocumentType.Iso27001Certificate);

        var entries = AssessmentEvidence.PickerEntries(IsoRequest(), [policy, expiredIso, iso, hds, unstored, attached], [attached.Current!.Id]);

        Assert.Equal(["C ISO 2026", "B old ISO", "A policy", "D HDS"], entries.Select(e => e.Document.Title));
        Assert.Equal([true, true, false, false], entries.Select(e => e.Matches));
    }
}
