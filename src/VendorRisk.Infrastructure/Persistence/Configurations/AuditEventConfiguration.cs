using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VendorRisk.Domain.Audit;

namespace VendorRisk.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable(AuditTable.Name);

        // The key is the position in the chain: two writers that read the same head cannot both
        // insert the next entry, so the chain cannot fork (the loser retries on the new head).
        builder.HasKey(e => new { e.TenantId, e.Sequence });
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEvent.ActorNameMaxLength);
        builder.Property(e => e.Action).HasMaxLength(AuditEvent.ActionMaxLength).IsRequired();
        builder.Property(e => e.TargetType).HasMaxLength(AuditEvent.TargetTypeMaxLength);
        builder.Property(e => e.TargetId).HasMaxLength(AuditEvent.TargetIdMaxLength);
        builder.Property(e => e.IpAddress).HasMaxLength(AuditEvent.IpAddressMaxLength);
        builder.Property(e => e.UserAgent).HasMaxLength(AuditEvent.UserAgentMaxLength);
        builder.Property(e => e.CorrelationId).HasMaxLength(AuditEvent.CorrelationIdMaxLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(AuditEvent.HashLength).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(AuditEvent.HashLength).IsRequired();
        builder.Ignore(e => e.ChangedFields);
        builder.HasIndex(e => new { e.TenantId, e.OccurredAtUtc });

        // A record's history newest first (an assessment's history tab pages on the sequence).
        builder.HasIndex(e => new { e.TenantId, e.TargetId, e.Sequence });
    }
}

/// <summary>The audit table's name, shared with the append-only triggers in each migrations project.</summary>
public static class AuditTable
{
    public const string Name = "AuditEvents";
}
