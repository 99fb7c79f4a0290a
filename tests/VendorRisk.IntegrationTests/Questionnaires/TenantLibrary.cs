using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Questionnaires;

namespace VendorRisk.IntegrationTests.Questionnaires;

/// <summary>The app's own library service, acting for one organisation (as it does inside that organisation's circuit).</summary>
internal static class TenantLibrary
{
    public static QuestionnaireLibraryService For(VendorRiskAppFactory app, Guid organisationId) =>
        new(new TenantContexts(app.Services.GetRequiredService<DbContextOptions<VendorRiskDbContext>>(), organisationId), TimeProvider.System);

    public static VendorRiskDbContext Context(VendorRiskAppFactory app, Guid organisationId) =>
        new PlatformDbContextFactory(app.Services.GetRequiredService<DbContextOptions<VendorRiskDbContext>>()).CreateForTenant(organisationId);

    private sealed class TenantContexts(DbContextOptions<VendorRiskDbContext> options, Guid organisationId) : IDbContextFactory<VendorRiskDbContext>
    {
        public VendorRiskDbContext CreateDbContext() => new PlatformDbContextFactory(options).CreateForTenant(organisationId);
    }
}
