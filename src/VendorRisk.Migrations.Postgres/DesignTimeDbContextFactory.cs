using Microsoft.EntityFrameworkCore.Design;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Migrations.Postgres;

/// <summary>Used by <c>dotnet ef</c> only: builds the Postgres model for this migration set (no connection is opened).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VendorRiskDbContext>
{
    public VendorRiskDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create(new ResolvedDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=vendorrisk_design"));
}
