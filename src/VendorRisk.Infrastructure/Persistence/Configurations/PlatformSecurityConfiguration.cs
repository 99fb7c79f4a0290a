using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Sessions;

namespace VendorRisk.Infrastructure.Persistence.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.IpAddress).HasMaxLength(UserSession.IpAddressMaxLength);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        builder.Property(s => s.EndedBy).HasMaxLength(UserSession.EndedByMaxLength);
        builder.Property(s => s.Country).HasMaxLength(UserSession.CountryMaxLength);
        builder.Ignore(s => s.IsLive);
        builder.HasIndex(s => new { s.UserId, s.EndedAtUtc });
    }
}

internal sealed class SecurityAlertConfiguration : IEntityTypeConfiguration<SecurityAlert>
{
    public void Configure(EntityTypeBuilder<SecurityAlert> builder)
    {
        builder.ToTable("SecurityAlerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.SubjectUserId).HasMaxLength(450);
        builder.Property(a => a.SubjectName).HasMaxLength(SecurityAlert.NameMaxLength);
        builder.Property(a => a.Detail).HasMaxLength(SecurityAlert.DetailMaxLength);
        builder.Property(a => a.AcknowledgedByUserId).HasMaxLength(450);
        builder.Property(a => a.AcknowledgedByName).HasMaxLength(SecurityAlert.NameMaxLength);
        builder.Ignore(a => a.IsAcknowledged);
        builder.HasIndex(a => new { a.TenantId, a.RaisedAtUtc });
        builder.HasIndex(a => a.EmailedAtUtc);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExportCounterConfiguration : IEntityTypeConfiguration<ExportCounter>
{
    public void Configure(EntityTypeBuilder<ExportCounter> builder)
    {
        builder.ToTable("ExportCounters");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(c => new { c.TenantId, c.UserId, c.HourStartUtc }).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiClientAddressConfiguration : IEntityTypeConfiguration<ApiClientAddress>
{
    public void Configure(EntityTypeBuilder<ApiClientAddress> builder)
    {
        builder.ToTable("ApiClientAddresses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.IpAddress).HasMaxLength(ApiClientAddress.IpAddressMaxLength).IsRequired();
        builder.HasIndex(a => new { a.TenantId, a.ApiClientId, a.IpAddress }).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TenantSecuritySettingsConfiguration : IEntityTypeConfiguration<TenantSecuritySettings>
{
    public void Configure(EntityTypeBuilder<TenantSecuritySettings> builder)
    {
        builder.ToTable("TenantSecuritySettings");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
