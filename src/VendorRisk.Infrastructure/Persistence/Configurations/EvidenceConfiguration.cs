using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Vendors.Engagements;

namespace VendorRisk.Infrastructure.Persistence.Configurations;

// The evidence vault. Every entity is tenant-owned (filter and tenant index by convention).
// Versions are never deleted: a document keeps all its uploads. Enums are stored by name, except
// the expiry band (a number of days).
internal sealed class EvidenceDocumentConfiguration : IEntityTypeConfiguration<VaultDocument>
{
    public void Configure(EntityTypeBuilder<VaultDocument> builder)
    {
        builder.ToTable("EvidenceDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.Title).HasMaxLength(VaultDocument.TitleMaxLength).IsRequired();
        builder.Property(d => d.Issuer).HasMaxLength(VaultDocument.IssuerMaxLength);
        builder.Property(d => d.ConcurrencyToken).IsConcurrencyToken();
        builder.Ignore(d => d.Current);
        builder.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(d => d.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Engagement>().WithMany().HasForeignKey(d => d.EngagementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.TenantId, d.ExpiresOn });
        builder.HasIndex(d => d.EngagementId);
    }
}

internal sealed class EvidenceVersionConfiguration : IEntityTypeConfiguration<VaultVersion>
{
    public void Configure(EntityTypeBuilder<VaultVersion> builder)
    {
        builder.ToTable("EvidenceVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.StorageKey).HasMaxLength(VaultVersion.StorageKeyMaxLength).IsRequired();
        builder.Property(v => v.OriginalFileName).HasMaxLength(FileNames.MaxLength).IsRequired();
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(v => v.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(v => v.DataKeySecret).IsRequired();
        builder.Property(v => v.UploadedByUserId).HasMaxLength(450);
        builder.Property(v => v.ScanStatus).HasConversion<string>().HasMaxLength(12);
        builder.Property(v => v.ScanDetail).HasMaxLength(VaultVersion.ScanDetailMaxLength);
        builder.Ignore(v => v.IsServable);
        builder.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        builder.HasIndex(v => v.StorageKey).IsUnique();
        builder.HasIndex(v => v.ScanStatus);
    }
}

internal sealed class EvidenceShareConfiguration : IEntityTypeConfiguration<EvidenceShare>
{
    public void Configure(EntityTypeBuilder<EvidenceShare> builder)
    {
        builder.ToTable("EvidenceShares");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Reference).HasMaxLength(EvidenceShare.ReferenceMaxLength);
        builder.Property(s => s.SharedByUserId).HasMaxLength(450);
        builder.HasOne<VaultVersion>().WithMany().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<VaultDocument>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.HospitalOrganisationId).OnDelete(DeleteBehavior.Restrict);

        // The hospital's read path names its own organisation and the version.
        builder.HasIndex(s => new { s.HospitalOrganisationId, s.VersionId });
        builder.HasIndex(s => s.VersionId);
    }
}

internal sealed class EvidenceReminderConfiguration : IEntityTypeConfiguration<EvidenceReminder>
{
    public void Configure(EntityTypeBuilder<EvidenceReminder> builder)
    {
        builder.ToTable("EvidenceReminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<VaultDocument>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);

        // Sent once per document, expiry date, band and recipient, even with two nodes racing.
        builder.HasIndex(r => new { r.DocumentId, r.ExpiresOn, r.Band, r.RecipientOrganisationId }).IsUnique();
    }
}
