using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Audit;
using VendorRisk.Domain.Evidence;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Questionnaires;
using VendorRisk.Domain.Security;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Tenancy;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>
/// The VendorRisk database: Identity tables, organisations and every tenant-owned record.
/// Tenant isolation is applied here, by model convention, so that no feature can forget it.
/// </summary>
public class VendorRiskDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    private readonly ITenantContext _tenant;

    public VendorRiskDbContext(DbContextOptions<VendorRiskDbContext> options, ITenantContext tenant)
        : base(options)
    {
        _tenant = tenant;
    }

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    /// <summary>The hash-chained audit log; append-only (the database refuses UPDATE and DELETE).</summary>
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>Erasable display names of audit actors, outside the hash chain (ADR 0013).</summary>
    public DbSet<AuditActorName> AuditActorNames => Set<AuditActorName>();

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<SubProcessorLink> SubProcessorLinks => Set<SubProcessorLink>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Engagement> Engagements => Set<Engagement>();

    public DbSet<PrivilegedAccount> PrivilegedAccounts => Set<PrivilegedAccount>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<TierOverrideEntry> TierOverrideHistory => Set<TierOverrideEntry>();
    public DbSet<QuestionnaireTemplate> QuestionnaireTemplates => Set<QuestionnaireTemplate>();

    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<AssessmentRespondent> AssessmentRespondents => Set<AssessmentRespondent>();

    public DbSet<AssessmentAnswer> AssessmentAnswers => Set<AssessmentAnswer>();

    public DbSet<AssessmentComment> AssessmentComments => Set<AssessmentComment>();

    public DbSet<SectionDelegation> SectionDelegations => Set<SectionDelegation>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();
    public DbSet<VaultDocument> VaultDocuments => Set<VaultDocument>();

    public DbSet<VaultVersion> VaultVersions => Set<VaultVersion>();

    public DbSet<EvidenceShare> EvidenceShares => Set<EvidenceShare>();

    public DbSet<EvidenceReminder> EvidenceReminders => Set<EvidenceReminder>();
    /// <summary>API clients registered per organisation (OpenIddict holds their OAuth side).</summary>
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    /// <summary>Per-organisation external OpenID Connect sign-in configurations.</summary>
    public DbSet<ExternalIdentityProvider> ExternalIdentityProviders => Set<ExternalIdentityProvider>();

    /// <summary>ASP.NET Core Data Protection keys (cookies, antiforgery), shared by every node of a deployment.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Domain.Sessions.UserSession> UserSessions => Set<Domain.Sessions.UserSession>();

    public DbSet<Domain.Alerts.SecurityAlert> SecurityAlerts => Set<Domain.Alerts.SecurityAlert>();

    public DbSet<Domain.Alerts.ExportCounter> ExportCounters => Set<Domain.Alerts.ExportCounter>();

    public DbSet<Domain.Alerts.TenantSecuritySettings> TenantSecuritySettings => Set<Domain.Alerts.TenantSecuritySettings>();

    public DbSet<Domain.Alerts.ApiClientAddress> ApiClientAddresses => Set<Domain.Alerts.ApiClientAddress>();

    /// <summary>Named assessment-list filters, personal to one user of one organisation.</summary>
    public DbSet<SavedAssessmentView> SavedAssessmentViews => Set<SavedAssessmentView>();

    /// <summary>A hospital's Medium-tier template and reassessment intervals (one row per organisation, or none: defaults).</summary>
    public DbSet<AssessmentSettings> AssessmentSettings => Set<AssessmentSettings>();

    /// <summary>
    /// Read by the tenant query filter for every query (EF Core parameterises DbContext members,
    /// so each context instance filters by its own tenant).
    /// </summary>
    internal Guid? CurrentTenantId => _tenant.TenantId;

    internal ITenantContext Tenant => _tenant;

    /// <summary>Audit records captured before a save, appended to their chains once it succeeded.</summary>
    internal List<(Guid Chain, AuditRecord Record)> PendingAudit { get; } = [];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VendorRiskDbContext).Assembly);
        OpenIdConnectModel.Configure(builder);
        TenantModelConventions.Apply(builder, this);
        OpenIdConnectModel.MarkExempt(builder);

        // ASP.NET Core Identity's own tables hang off a user account, which spans organisations;
        // they hold credentials, never tenant data.
        TenantModelConventions.MarkExempt(
            builder,
            "ASP.NET Core Identity credential data belongs to a user account, which spans organisations.",
            typeof(IdentityRole),
            typeof(IdentityRoleClaim<string>),
            typeof(IdentityUserClaim<string>),
            typeof(IdentityUserLogin<string>),
            typeof(IdentityUserRole<string>),
            typeof(IdentityUserToken<string>),
            typeof(IdentityUserPasskey<string>));
        TenantModelConventions.MarkExempt(
            builder,
            "Data Protection keys protect the platform's cookies and tokens for every tenant.",
            typeof(DataProtectionKey));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        if (Database.IsSqlite())
        {
            // SQLite has no date-time-with-offset type: store UTC ticks so values sort and compare
            // correctly in SQL. PostgreSQL keeps its native timestamptz.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
