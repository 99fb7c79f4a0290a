using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;

namespace VendorRisk.Infrastructure.Persistence.Configurations;

internal sealed class QuestionnaireTemplateConfiguration : IEntityTypeConfiguration<QuestionnaireTemplate>
{
    public void Configure(EntityTypeBuilder<QuestionnaireTemplate> builder)
    {
        builder.ToTable("QuestionnaireTemplates");
        builder.HasKey(t => t.Id);

        // Ids are made by the domain; a version added to a loaded template must be inserted, not updated.
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.ComplexProperty(t => t.Name, name =>
        {
            name.Property(n => n.Fr).HasColumnName("NameFr").HasMaxLength(300).IsRequired();
            name.Property(n => n.En).HasColumnName("NameEn").HasMaxLength(300).IsRequired();
        });
        builder.Property(t => t.Description).HasConversion(LocalizedTextJson.Converter, LocalizedTextJson.Comparer);
        builder.Property(t => t.BuiltInSourceKey).HasMaxLength(64);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(t => t.Draft);
        builder.Ignore(t => t.LatestPublished);
        builder.Ignore(t => t.LatestVersion);
    }
}

/// <summary>
/// A version's sections and questions are one JSON document (<see cref="TemplateVersion.Content"/>,
/// the sections of the exchange format) rather than rows: a published version never changes and is
/// always read whole, and the format is already validated and documented. See ADR 0004.
/// </summary>
internal sealed class TemplateVersionConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> builder)
    {
        builder.ToTable("QuestionnaireTemplateVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Content).UsePropertyAccessMode(PropertyAccessMode.Property).IsRequired();
        builder.Ignore(v => v.Sections);
        builder.Ignore(v => v.Questions);
        builder.Ignore(v => v.IsEditable);
    }
}
