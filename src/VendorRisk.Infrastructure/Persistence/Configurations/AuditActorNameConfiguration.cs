using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VendorRisk.Domain.Audit;

namespace VendorRisk.Infrastructure.Persistence.Configurations;

internal sealed class AuditActorNameConfiguration : IEntityTypeConfiguration<AuditActorName>
{
    public void Configure(EntityTypeBuilder<AuditActorName> builder)
    {
        builder.ToTable("AuditActorNames");
        builder.HasKey(n => n.UserId);
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.DisplayName).HasMaxLength(AuditEvent.ActorNameMaxLength);
    }
}
