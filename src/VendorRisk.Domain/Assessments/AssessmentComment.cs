using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Assessments;

/// <summary>Which side wrote a comment.</summary>
public enum CommentSide
{
    Hospital = 1,
    Vendor = 2,
}

/// <summary>
/// A comment on one question, from either side. An internal comment is a hospital note that the
/// vendor never reads (the portal queries exclude it).
/// </summary>
public sealed class AssessmentComment : TenantOwnedEntity
{
    public const int TextMaxLength = 4000;

    private AssessmentComment()
    {
        QuestionKey = string.Empty;
        AuthorName = string.Empty;
        Text = string.Empty;
    }

    public AssessmentComment(Assessment assessment, string questionKey, CommentSide side, bool isInternal, string authorName, string text, DateTimeOffset atUtc)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentException.ThrowIfNullOrWhiteSpace(questionKey);
        if (side == CommentSide.Vendor && isInternal)
        {
            throw new ArgumentException("Only the hospital keeps internal comments.", nameof(isInternal));
        }

        AssignTenant(assessment.TenantId);
        AssessmentId = assessment.Id;
        QuestionKey = questionKey;
        Side = side;
        IsInternal = isInternal;
        AuthorName = Assessment.Required(authorName, AssessmentRespondent.NameMaxLength, nameof(authorName));
        Text = Assessment.Required(text, TextMaxLength, nameof(text));
        AtUtc = atUtc;
    }

    public Guid AssessmentId { get; private set; }

    public string QuestionKey { get; private set; }

    public CommentSide Side { get; private set; }

    public bool IsInternal { get; private set; }

    public string AuthorName { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset AtUtc { get; private set; }
}

/// <summary>A section of an assessment handed by a vendor user to a colleague of the same vendor organisation.</summary>
public sealed class SectionDelegation : TenantOwnedEntity
{
    private SectionDelegation()
    {
        SectionKey = string.Empty;
        DelegateUserId = string.Empty;
        DelegateName = string.Empty;
        DelegatedBy = string.Empty;
    }

    public SectionDelegation(Assessment assessment, string sectionKey, string delegateUserId, string delegateName, string delegatedBy, DateTimeOffset atUtc)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(delegateUserId);
        AssignTenant(assessment.TenantId);
        AssessmentId = assessment.Id;
        SectionKey = sectionKey;
        DelegateUserId = delegateUserId;
        DelegateName = Assessment.Required(delegateName, AssessmentRespondent.NameMaxLength, nameof(delegateName));
        DelegatedBy = Assessment.Required(delegatedBy, AssessmentRespondent.NameMaxLength, nameof(delegatedBy));
        AtUtc = atUtc;
    }

    public Guid AssessmentId { get; private set; }

    public string SectionKey { get; private set; }

    public string DelegateUserId { get; private set; }

    public string DelegateName { get; private set; }

    public string DelegatedBy { get; private set; }

    public DateTimeOffset AtUtc { get; private set; }

    public void Reassign(string delegateUserId, string delegateName, string delegatedBy, DateTimeOffset atUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(delegateUserId);
        DelegateUserId = delegateUserId;
        DelegateName = Assessment.Required(delegateName, AssessmentRespondent.NameMaxLength, nameof(delegateName));
        DelegatedBy = Assessment.Required(delegatedBy, AssessmentRespondent.NameMaxLength, nameof(delegatedBy));
        AtUtc = atUtc;
    }
}
