using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Vendors.Engagements;

namespace VendorRisk.Infrastructure.Persistence.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("Assessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(Assessment.TitleMaxLength).IsRequired();
        builder.Property(a => a.OwnerUserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Tier).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Decision).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.DecisionNote).HasMaxLength(Assessment.NoteMaxLength);
        builder.Property(a => a.CompletionPercent).HasPrecision(5, 2);
        builder.Property(a => a.Score).HasPrecision(5, 1);
        builder.Property(a => a.ConcurrencyToken).IsConcurrencyToken();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);

        // The vendor portal's only way in: assessments addressed to the caller's organisation.
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.VendorOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.VendorOrganisationId, a.Status });
        builder.HasOne<Engagement>().WithMany().HasForeignKey(a => a.EngagementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TemplateVersion>().WithMany().HasForeignKey(a => a.TemplateVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Respondents).WithOne().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Respondents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssessmentRespondentConfiguration : IEntityTypeConfiguration<AssessmentRespondent>
{
    public void Configure(EntityTypeBuilder<AssessmentRespondent> builder)
    {
        builder.ToTable("AssessmentRespondents");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Email).HasMaxLength(AssessmentRespondent.EmailMaxLength).IsRequired();
        builder.Property(r => r.DisplayName).HasMaxLength(AssessmentRespondent.NameMaxLength).IsRequired();
        builder.HasIndex(r => new { r.AssessmentId, r.Email }).IsUnique();
    }
}

internal sealed class AssessmentAnswerConfiguration : IEntityTypeConfiguration<AssessmentAnswer>
{
    public void Configure(EntityTypeBuilder<AssessmentAnswer> builder)
    {
        builder.ToTable("AssessmentAnswers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.QuestionKey).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Value).HasMaxLength(AssessmentAnswer.ValueMaxLength).IsRequired();
        builder.Property(a => a.UpdatedBy).HasMaxLength(AssessmentRespondent.NameMaxLength).IsRequired();
        builder.Property(a => a.Review).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.ReviewNote).HasMaxLength(AssessmentAnswer.NoteMaxLength);

        // The row version: an UPDATE names the version it read, so a concurrent change is detected in SQL.
        builder.Property(a => a.Version).IsConcurrencyToken();

        // One answer per question: two first saves racing on the same question collide here.
        builder.HasIndex(a => new { a.AssessmentId, a.QuestionKey }).IsUnique();
        builder.HasOne<Assessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(a => a.Parsed);
    }
}

internal sealed class AssessmentCommentConfiguration : IEntityTypeConfiguration<AssessmentComment>
{
    public void Configure(EntityTypeBuilder<AssessmentComment> builder)
    {
        builder.ToTable("AssessmentComments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.QuestionKey).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Side).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AuthorName).HasMaxLength(AssessmentRespondent.NameMaxLength).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(AssessmentComment.TextMaxLength).IsRequired();
        builder.HasIndex(c => new { c.AssessmentId, c.QuestionKey });
        builder.HasOne<Assessment>().WithMany().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SectionDelegationConfiguration : IEntityTypeConfiguration<SectionDelegation>
{
    public void Configure(EntityTypeBuilder<SectionDelegation> builder)
    {
        builder.ToTable("AssessmentSectionDelegations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.SectionKey).HasMaxLength(100).IsRequired();
        builder.Property(d => d.DelegateUserId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.DelegateName).HasMaxLength(AssessmentRespondent.NameMaxLength).IsRequired();
        builder.Property(d => d.DelegatedBy).HasMaxLength(AssessmentRespondent.NameMaxLength).IsRequired();
        builder.HasIndex(d => new { d.AssessmentId, d.SectionKey }).IsUnique();
        builder.HasOne<Assessment>().WithMany().HasForeignKey(d => d.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.ToTable("Findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Title).HasMaxLength(Finding.TitleMaxLength).IsRequired();
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.QuestionKeys).HasMaxLength(Finding.ListMaxLength).IsRequired();
        builder.Property(f => f.ControlIds).HasMaxLength(Finding.ListMaxLength).IsRequired();
        builder.Property(f => f.RemediationPlan).HasMaxLength(Finding.TextMaxLength);
        builder.Property(f => f.OwnerUserId).HasMaxLength(Finding.UserIdMaxLength);
        builder.Property(f => f.OwnerLabel).HasMaxLength(AssessmentRespondent.NameMaxLength);
        builder.HasIndex(f => f.OwnerUserId);
        builder.Property(f => f.RiskAcceptanceReason).HasMaxLength(Finding.TextMaxLength);
        builder.Property(f => f.RiskAcceptedBy).HasMaxLength(AssessmentRespondent.NameMaxLength);
        builder.Property(f => f.ConcurrencyToken).IsConcurrencyToken();
        builder.HasIndex(f => new { f.AssessmentId, f.Status });
        builder.Property(f => f.SourceQuestionKey).HasMaxLength(Finding.QuestionKeyMaxLength);
        builder.Property(f => f.DiscardedBy).HasMaxLength(AssessmentRespondent.NameMaxLength);

        // At most one draft per critical question per assessment, whichever submission or node
        // raises it (NULLs, the findings reviewers raise by hand, are distinct on both databases).
        builder.HasIndex(f => new { f.AssessmentId, f.SourceQuestionKey }).IsUnique();
        builder.Ignore(f => f.IsDiscarded);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(f => f.QuestionKeyList);
        builder.Ignore(f => f.ControlIdList);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.MessageKey).HasMaxLength(100).IsRequired();
        builder.Property(n => n.Argument).HasMaxLength(500).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(500).IsRequired();
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
    }
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> builder)
    {
        builder.ToTable("AssessmentReminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Recipient).HasMaxLength(AssessmentRespondent.EmailMaxLength).IsRequired();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);

        // The once-a-day rule, enforced by the database too: a second reminder to the same person
        // on the same day cannot be recorded, whichever node or restart tries.
        builder.HasIndex(r => new { r.Recipient, r.SentOn }).IsUnique();
    }
}

// --- Saved views and assessment settings (issue 6) ---
internal sealed class SavedAssessmentViewConfiguration : IEntityTypeConfiguration<SavedAssessmentView>
{
    public void Configure(EntityTypeBuilder<SavedAssessmentView> builder)
    {
        builder.ToTable("SavedAssessmentViews");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.UserId).HasMaxLength(SavedAssessmentView.UserIdMaxLength).IsRequired();
        builder.Property(v => v.Name).HasMaxLength(SavedAssessmentView.NameMaxLength).IsRequired();
        builder.Property(v => v.NameKey).HasMaxLength(SavedAssessmentView.NameMaxLength).IsRequired();
        builder.Property(v => v.Query).HasMaxLength(SavedAssessmentView.QueryMaxLength).IsRequired();

        // One name per user and organisation: two tabs saving the same name at once collide here.
        builder.HasIndex(v => new { v.TenantId, v.UserId, v.NameKey }).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentSettingsConfiguration : IEntityTypeConfiguration<AssessmentSettings>
{
    public void Configure(EntityTypeBuilder<AssessmentSettings> builder)
    {
        builder.ToTable("AssessmentSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionnaireTemplate>().WithMany().HasForeignKey(s => s.MediumTierTemplateId).OnDelete(DeleteBehavior.SetNull);
    }
}
