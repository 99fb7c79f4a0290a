using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.OpenIdConnect;

/// <summary>An API client as the token endpoint and the API's caller check see it.</summary>
public sealed record ApiClientIdentity(Guid Id, Guid TenantId, string OrganisationName, OrganisationKind Kind, string ClientId, IReadOnlyList<string> Scopes, bool IsRevoked, DateTimeOffset? LastUsedAtUtc);

/// <summary>
/// Answers "which organisation does this OAuth client act for?" before any tenant is known (at
/// the token endpoint and for every API call). It reads across tenants, but only the one client
/// named by the authenticated request.
/// </summary>
public sealed class ApiClientDirectory(PlatformDbContextFactory contexts)
{
    public async Task<ApiClientIdentity?> FindAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > ApiClient.ClientIdMaxLength)
        {
            return null;
        }

        await using var db = contexts.CreateSystemContext();
        var row = await (
                from c in db.ApiClients.IgnoreQueryFilters()
                join o in db.Organisations on c.TenantId equals o.Id
                where c.ClientId == clientId
                select new { c.Id, c.TenantId, o.Name, o.Kind, c.ClientId, c.Scopes, c.RevokedAtUtc, c.LastUsedAtUtc })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new ApiClientIdentity(row.Id, row.TenantId, row.Name, row.Kind, row.ClientId, row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), row.RevokedAtUtc is not null, row.LastUsedAtUtc);
    }

    /// <summary>
    /// Records the client's last use, at most once a minute. A bulk update: bookkeeping, not a
    /// change an auditor needs (creation and revocation are audited).
    /// </summary>
    public async Task TouchAsync(ApiClientIdentity client, DateTimeOffset nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.LastUsedAtUtc is { } last && nowUtc - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        await using var db = contexts.CreateSystemContext();
        await db.ApiClients.IgnoreQueryFilters()
            .Where(c => c.Id == client.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAtUtc, nowUtc), cancellationToken);
    }
}
