using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.OpenIdConnect;

/// <summary>
/// CHU Demo's machine API client, printed in the README so a newcomer can fetch a token with any
/// OAuth client. Seeded only with the rest of the demo data, i.e. only in Development.
/// </summary>
public static class DemoApiClient
{
    public const string ClientId = "chu-demo-integration";
    public const string ClientSecret = "demo-secret-chu-2026-development-only";
    public const string DisplayName = "CHU Demo integration (demo)";

    public static async Task SeedAsync(VendorRiskDbContext db, IOpenIddictApplicationManager applications, Organisation hospital, string createdByUserId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(hospital);
        if (await applications.FindByClientIdAsync(ClientId, cancellationToken) is null)
        {
            await applications.CreateAsync(ApiClientDescriptors.Describe(ClientId, DisplayName, ["vendorrisk.read"], null, ClientSecret), cancellationToken);
        }

        if (!await db.ApiClients.IgnoreQueryFilters().AnyAsync(c => c.ClientId == ClientId, cancellationToken))
        {
            db.ApiClients.Add(new ApiClient(hospital.Id, ClientId, DisplayName, ["vendorrisk.read"], null, createdByUserId, now));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
