using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;

namespace VendorRisk.Infrastructure.Persistence.Configurations;

// The vendor register. Every entity here is tenant-owned (the tenant filter and index come from
// TenantModelConventions). Relations between register rows are restricted rather than cascaded:
// vendors and engagements are archived, never deleted, and a register row must not vanish because
// another one did. Only the parts an engagement owns (register entries, contracts, override
// history) and a vendor's sub-processor links go with their owner.
//
// Ids are made by the domain (Guid.NewGuid in the constructor), never by the database: with
// ValueGeneratedNever EF Core inserts a register entry or contract added to a loaded engagement
// instead of mistaking it, key already set, for an existing row to update.
//
// Tiers are stored as numbers, not names, so that "highest tier" and sorting by tier work in SQL.
// Flag enums (data categories, clauses) are stored as numbers for the same reason.
internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> builder)
    {
        builder.ToTable("Vendors");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.LegalName).HasMaxLength(Vendor.LegalNameMaxLength).IsRequired();
        builder.Property(v => v.CountryCode).HasMaxLength(2).IsRequired();
        builder.Property(v => v.RegistrationNumber).HasMaxLength(Vendor.RegistrationNumberMaxLength);
        builder.Property(v => v.Website).HasConversion<string>().HasMaxLength(Vendor.WebsiteMaxLength);
        builder.Property(v => v.SecurityContactName).HasMaxLength(Vendor.ContactNameMaxLength);
        builder.Property(v => v.SecurityContactEmail).HasMaxLength(Vendor.EmailMaxLength);
        builder.Property(v => v.SecurityContactPhone).HasMaxLength(Vendor.PhoneMaxLength);

        // Folded by the domain on save (docs/adr/0011): the list's search and the import's
        // duplicate check compare it, identically on SQLite and PostgreSQL.
        builder.Property(v => v.SearchText).HasMaxLength(Vendor.SearchTextMaxLength).IsRequired().HasDefaultValue(string.Empty);

        // Renewed by the domain on every change: a save carrying a stale token updates no row,
        // and the second of two concurrent editors is told instead of overwriting the first.
        builder.Property(v => v.ConcurrencyToken).IsConcurrencyToken();

        builder.Ignore(v => v.IsArchived);
        builder.Ignore(v => v.SubProcessorIds);
        builder.HasMany(v => v.SubProcessors).WithOne().HasForeignKey(l => l.VendorId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.SubProcessors).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne<Vendor>().WithMany().HasForeignKey(v => v.ParentCompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(v => v.LinkedOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.TenantId, v.LegalName });
        builder.HasIndex(v => new { v.TenantId, v.CountryCode });
        builder.HasIndex(v => v.LinkedOrganisationId);
    }
}

internal sealed class SubProcessorLinkConfiguration : IEntityTypeConfiguration<SubProcessorLink>
{
    public void Configure(EntityTypeBuilder<SubProcessorLink> builder)
    {
        builder.ToTable("VendorSubProcessors");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasOne<Vendor>().WithMany().HasForeignKey(l => l.SubProcessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.VendorId, l.SubProcessorId }).IsUnique();
        builder.HasIndex(l => l.SubProcessorId);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.Property(p => p.Category).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(p => p.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.VendorId);
    }
}

internal sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    public void Configure(EntityTypeBuilder<Engagement> builder)
    {
        builder.ToTable("Engagements");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.BusinessOwner).HasMaxLength(Engagement.BusinessOwnerMaxLength).IsRequired();
        builder.Property(e => e.HdsCertificateNumber).HasMaxLength(Engagement.HdsCertificateNumberMaxLength);
        builder.Property(e => e.Hosting).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.VendorAccess).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.DataCategories).HasConversion<int>();
        builder.Property(e => e.ComputedTier).HasConversion<int>();
        builder.Property(e => e.OverrideTier).HasConversion<int?>();
        builder.Ignore(e => e.EffectiveTier);
        builder.Property(e => e.ConcurrencyToken).IsConcurrencyToken();

        // Short lists of names, read and written with their engagement: a JSON array on SQLite,
        // a text[] on PostgreSQL. The domain caps their size and the length of each entry.
        builder.PrimitiveCollection(e => e.Establishments).HasField("_establishments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.PrimitiveCollection(e => e.IntegrationPoints).HasField("_integrationPoints").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(e => e.PrivilegedAccounts).WithOne().HasForeignKey(a => a.EngagementId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.PrivilegedAccounts).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Contracts).WithOne().HasForeignKey(c => c.EngagementId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Contracts).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.TierOverrideHistory).WithOne().HasForeignKey(t => t.EngagementId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.TierOverrideHistory).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(e => e.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.VendorId);
        builder.HasIndex(e => e.ProductId);
    }
}

internal sealed class PrivilegedAccountConfiguration : IEntityTypeConfiguration<PrivilegedAccount>
{
    public void Configure(EntityTypeBuilder<PrivilegedAccount> builder)
    {
        builder.ToTable("PrivilegedAccounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Holder).HasMaxLength(PrivilegedAccount.HolderMaxLength).IsRequired();
        builder.Property(a => a.HolderKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.AccessPath).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(a => a.IsShared);
        builder.HasIndex(a => a.EngagementId);
        builder.HasIndex(a => a.NextReviewDue);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("Contracts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Title).HasMaxLength(Contract.TitleMaxLength);
        builder.Property(c => c.PresentClauses).HasConversion<int>();
        builder.HasIndex(c => c.EngagementId);
        builder.HasIndex(c => c.EndsOn);
    }
}

internal sealed class TierOverrideEntryConfiguration : IEntityTypeConfiguration<TierOverrideEntry>
{
    public void Configure(EntityTypeBuilder<TierOverrideEntry> builder)
    {
        builder.ToTable("TierOverrideHistory");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.FromTier).HasConversion<int>();
        builder.Property(t => t.ToTier).HasConversion<int>();
        builder.Property(t => t.Reason).HasMaxLength(TierOverrideEntry.ReasonMaxLength).IsRequired();
        builder.Property(t => t.ByUserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(t => t.EngagementId);
    }
}
