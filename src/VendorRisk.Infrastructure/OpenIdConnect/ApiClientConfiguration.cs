using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.OpenIdConnect;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ClientId).HasMaxLength(ApiClient.ClientIdMaxLength).IsRequired();
        builder.Property(c => c.DisplayName).HasMaxLength(ApiClient.DisplayNameMaxLength).IsRequired();
        builder.Property(c => c.Scopes).HasMaxLength(200).IsRequired();
        builder.Property(c => c.RedirectUri).HasMaxLength(ApiClient.RedirectUriMaxLength);
        builder.Property(c => c.CreatedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(c => c.RevokedByUserId).HasMaxLength(450);
        builder.Ignore(c => c.IsRevoked);
        builder.Ignore(c => c.ScopeList);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>OpenIddict's tables in the VendorRisk model, declared shared across tenants.</summary>
public static class OpenIdConnectModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseOpenIddict();
    }

    /// <summary>Called after the tenant conventions: OpenIddict's own entities are platform data.</summary>
    public static void MarkExempt(ModelBuilder builder) =>
        TenantModelConventions.MarkExempt(
            builder,
            "OpenIddict's applications, authorizations, scopes and tokens are the platform's OAuth server state; the tenant of an API client is kept in ApiClients (tenant-owned) and travels in the token's vr:org claim.",
            typeof(OpenIddictEntityFrameworkCoreApplication),
            typeof(OpenIddictEntityFrameworkCoreAuthorization),
            typeof(OpenIddictEntityFrameworkCoreScope),
            typeof(OpenIddictEntityFrameworkCoreToken));
}

internal sealed class ExternalIdentityProviderConfiguration : IEntityTypeConfiguration<ExternalIdentityProvider>
{
    public void Configure(EntityTypeBuilder<ExternalIdentityProvider> builder)
    {
        builder.ToTable("ExternalIdentityProviders");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.DisplayName).HasMaxLength(ExternalIdentityProvider.DisplayNameMaxLength).IsRequired();
        builder.Property(p => p.Authority).HasMaxLength(ExternalIdentityProvider.AuthorityMaxLength).IsRequired();
        builder.Property(p => p.ClientId).HasMaxLength(ExternalIdentityProvider.ClientIdMaxLength).IsRequired();
        builder.Property(p => p.ProtectedClientSecret).HasMaxLength(4000).IsRequired();
        builder.Property(p => p.EmailDomain).HasMaxLength(ExternalIdentityProvider.EmailDomainMaxLength).IsRequired();
        builder.Property(p => p.RoleClaimType).HasMaxLength(ExternalIdentityProvider.RoleClaimTypeMaxLength).IsRequired();
        builder.Property(p => p.RoleMappingsJson).HasMaxLength(8000).IsRequired();
        builder.Ignore(p => p.RoleMappings);
        builder.Ignore(p => p.SchemeName);
        builder.HasIndex(p => p.EmailDomain).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
