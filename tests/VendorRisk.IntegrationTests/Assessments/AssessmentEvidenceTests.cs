using System.Net;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Evidence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Tests.Evidence;
using VendorRisk.Web.Features.Portal;
using static VendorRisk.IntegrationTests.Evidence.EvidenceTestData;

namespace VendorRisk.IntegrationTests.Assessments;

/// <summary>Documents attached to evidence requests: shared with exactly the assessment's hospital, withdrawn on detach, checked for expiry at submission.</summary>
[Collection(SharedApps.Name)]
public sealed class AssessmentEvidenceTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_attached_document_is_downloadable_by_the_assessments_hospital_only_and_detaching_revokes_it(DatabaseProvider provider)
    {
        var app = apps[provider];
        var world = await AssessmentWorld.CreateAsync(app);
        var id = await world.LaunchAsync();
        var pdf = EvidenceSamples.Pdf(padding: 5_000);
        var (_, versionId) = await UploadAsync(app, world.VendorColleague, pdf);

        // Before attaching, the hospital cannot have it.
        using var ciso = await SignedInClientAsync(app, world.Hospital.Ciso);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(ciso, versionId));

        // A note alone does not answer an evidence request; nor can a note smuggle in a document.
        var note = await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "iso", AnswerValue.OfText("See attached") with { Evidence = [versionId] }, 0));
        Assert.Equal(SaveOutcome.Saved, note.Outcome);
        var view = (await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!;
        Assert.Empty(view.Answers["iso"].Value.Evidence);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(ciso, versionId));
        var answeredBefore = view.Progress.Answered;

        var attached = await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", versionId, note.Version));
        Assert.Equal(SaveOutcome.Saved, attached.Outcome);
        view = (await world.AsVendorAsync(world.VendorAdmin, p => p.GetAsync(id)))!;
        Assert.Equal([versionId], view.Answers["iso"].Value.Evidence);
        Assert.Equal("See attached", view.Answers["iso"].Value.Text);
        Assert.Equal(answeredBefore + 1, view.Progress.Answered);
        Assert.Equal("ISO 27001 certificate", view.Evidence[versionId].Title);

        // The hospital that sent the assessment downloads exactly that file and sees it scored.
        using (var response = await ciso.GetAsync(new Uri($"/evidence/files/{versionId}/download", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync(Ct));
        }

        var details = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!;
        Assert.Equal(EvidenceDocumentType.Iso27001Certificate, details.Evidence[versionId].Type);
        Assert.Equal(100m, details.Score.Questions.Single(q => q.QuestionKey == "iso").Score);

        // Another hospital cannot, even with the id.
        var other = await Hospital.CreateAsync(app);
        using (var stranger = await SignedInClientAsync(app, other.Ciso))
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(stranger, versionId));
        }

        // A version of another vendor's library cannot be attached (nor shared).
        var otherVendor = await VendorOrg.CreateAsync(app);
        var (_, foreignVersion) = await UploadAsync(app, otherVendor.Admin, EvidenceSamples.Pdf());
        var foreign = await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", foreignVersion, attached.Version));
        Assert.Equal(SaveOutcome.Failed, foreign.Outcome);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(ciso, foreignVersion));

        // A stale version is a conflict, not an overwrite.
        var stale = await world.AsVendorAsync(world.VendorColleague, p => p.DetachEvidenceAsync(id, "iso", versionId, note.Version));
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);

        // Detaching withdraws the share.
        var detached = await world.AsVendorAsync(world.VendorColleague, p => p.DetachEvidenceAsync(id, "iso", versionId, attached.Version));
        Assert.Equal(SaveOutcome.Saved, detached.Outcome);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(ciso, versionId));
        details = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!;
        Assert.Empty(details.Answers["iso"].Value.Evidence);
        Assert.Empty(details.Evidence);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Expired_evidence_on_a_must_not_be_expired_request_blocks_submission_until_replaced(DatabaseProvider provider)
    {
        var app = apps[provider];
        var world = await AssessmentWorld.CreateAsync(app);
        var id = await world.LaunchAsync();
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.SaveAnswerAsync(id, "mfa", AnswerValue.OfOptions(Question.No), 0))).Outcome);

        var expiredForm = Certificate("Old ISO certificate", new DateTime(2025, 6, 30, 0, 0, 0, DateTimeKind.Unspecified));
        expiredForm.IssuedOn = new DateTime(2022, 7, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var (_, expired) = await UploadAsync(app, world.VendorAdmin, EvidenceSamples.Pdf(), form: expiredForm);
        var attached = await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", expired, 0));
        Assert.Equal(SaveOutcome.Saved, attached.Outcome);

        var blocked = await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id));
        Assert.False(blocked.Succeeded);
        var missing = Assert.Single(blocked.Missing);
        Assert.Equal(new MissingAnswer("iso", "proof", Expired: true), missing);

        // The hospital would score it 0 as well.
        var details = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!;
        Assert.Equal(0m, details.Score.Questions.Single(q => q.QuestionKey == "iso").Score);

        // Replaced by a valid certificate: submission goes through.
        var (_, valid) = await UploadAsync(app, world.VendorAdmin, EvidenceSamples.Pdf(padding: 10));
        var detached = await world.AsVendorAsync(world.VendorAdmin, p => p.DetachEvidenceAsync(id, "iso", expired, attached.Version));
        Assert.Equal(SaveOutcome.Saved, detached.Outcome);
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", valid, detached.Version))).Outcome);
        var submitted = await world.AsVendorAsync(world.VendorAdmin, p => p.SubmitAsync(id));
        Assert.True(submitted.Succeeded, string.Join(", ", submitted.Missing));

        // Read-only after submission: no attaching either.
        var late = await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", expired, detached.Version + 1));
        Assert.Equal(SaveOutcome.Failed, late.Outcome);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Detaching_keeps_the_share_while_another_assessment_of_the_same_hospital_still_has_the_document(DatabaseProvider provider)
    {
        var app = apps[provider];
        var world = await AssessmentWorld.CreateAsync(app);
        var first = await world.LaunchAsync();
        var second = await world.LaunchAsync();
        var (_, versionId) = await UploadAsync(app, world.VendorAdmin, EvidenceSamples.Pdf());
        var one = await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(first, "iso", versionId, 0));
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(second, "iso", versionId, 0))).Outcome);

        using var ciso = await SignedInClientAsync(app, world.Hospital.Ciso);
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.DetachEvidenceAsync(first, "iso", versionId, one.Version))).Outcome);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(ciso, versionId));
        Assert.Contains(versionId, (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(second)))!.Evidence.Keys);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Guid versionId)
    {
        using var response = await client.GetAsync(new Uri($"/evidence/files/{versionId}/download", UriKind.Relative), Ct);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_document_of_a_type_the_question_does_not_ask_for_is_refused_with_the_accepted_types_and_nothing_is_shared(DatabaseProvider provider)
    {
        var app = apps[provider];
        var world = await AssessmentWorld.CreateAsync(app);
        var id = await world.LaunchAsync();
        var policyForm = Certificate("Information security policy");
        policyForm.Type = EvidenceDocumentType.Policy;
        var (_, policyVersion) = await UploadAsync(app, world.VendorAdmin, EvidenceSamples.Pdf(), form: policyForm);

        var refused = await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", policyVersion, 0));
        Assert.Equal(SaveOutcome.Failed, refused.Outcome);
        Assert.Contains("Policy", refused.Error, StringComparison.Ordinal);
        Assert.Contains("ISO 27001", refused.Error, StringComparison.Ordinal);
        using (var ciso = await SignedInClientAsync(app, world.Hospital.Ciso))
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(ciso, policyVersion));
        }

        // Uploading a new document of the wrong type from the question is refused before anything is stored.
        var libraryBefore = (await WithServiceAsync(app, world.VendorAdmin, s => s.ListLibraryAsync())).Count;
        var upload = await world.AsVendorAsync(world.VendorAdmin, p => p.UploadAndAttachAsync(id, "iso", policyForm, Upload(EvidenceSamples.Pdf()), 0));
        Assert.Equal(SaveOutcome.Failed, upload.Outcome);
        Assert.Contains("ISO 27001", upload.Error, StringComparison.Ordinal);
        Assert.Equal(libraryBefore, (await WithServiceAsync(app, world.VendorAdmin, s => s.ListLibraryAsync())).Count);

        // The matching type is accepted.
        var (_, isoVersion) = await UploadAsync(app, world.VendorAdmin, EvidenceSamples.Pdf());
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", isoVersion, 0))).Outcome);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_certificate_expiring_before_the_due_date_scores_0_on_a_must_not_be_expired_request(DatabaseProvider provider)
    {
        var app = apps[provider];
        var world = await AssessmentWorld.CreateAsync(app);
        var due = DateTime.UtcNow.Date.AddDays(30);
        var id = await world.LaunchAsync(due);
        var (_, expiringVersion) = await UploadAsync(app, world.VendorAdmin, EvidenceSamples.Pdf(), form: Certificate("Expires before the due date", due.AddDays(-1)));
        var attached = await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", expiringVersion, 0));
        Assert.Equal(SaveOutcome.Saved, attached.Outcome);

        var details = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!;
        Assert.Equal(0m, details.Score.Questions.Single(q => q.QuestionKey == "iso").Score);

        var (_, validVersion) = await UploadAsync(app, world.VendorAdmin, EvidenceSamples.Pdf(), form: Certificate("Valid through the due date", due));
        Assert.Equal(SaveOutcome.Saved, (await world.AsVendorAsync(world.VendorAdmin, p => p.AttachEvidenceAsync(id, "iso", validVersion, attached.Version))).Outcome);
        details = (await world.AsHospitalAsync(world.Hospital.Ciso, s => s.GetAsync(id)))!;
        Assert.Equal(100m, details.Score.Questions.Single(q => q.QuestionKey == "iso").Score);
    }
}
