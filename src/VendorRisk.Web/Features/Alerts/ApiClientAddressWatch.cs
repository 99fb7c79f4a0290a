using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VendorRisk.Domain.Alerts;
using VendorRisk.Infrastructure.Alerts;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Alerts;

/// <summary>
/// "API client used from a new IP": every authorised API call records the caller's address for the
/// client (<see cref="ApiClientAddress"/>); a call from an address not seen for that client within
/// <see cref="AlertOptions.ApiClientAddressMemoryDays"/> raises an alert in the client's organisation,
/// once per client and address. A client's very first address is recorded without an alert.
/// </summary>
public sealed class ApiClientAddressWatch(PlatformDbContextFactory contexts, AlertRaiser alerts, IOptions<AlertOptions> options, TimeProvider clock)
{
    public async Task ObserveAsync(ApiClientIdentity client, string? ipAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrWhiteSpace(ipAddress) || ipAddress.Length > ApiClientAddress.IpAddressMaxLength)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var memory = TimeSpan.FromDays(options.Value.ApiClientAddressMemoryDays);
        await using var db = contexts.CreateForTenant(client.TenantId);
        var known = await db.ApiClientAddresses.AsNoTracking()
            .Where(a => a.ApiClientId == client.Id && a.IpAddress == ipAddress)
            .Select(a => new { a.Id, a.LastSeenAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (known is not null && now - known.LastSeenAtUtc < memory)
        {
            if (now - known.LastSeenAtUtc >= TimeSpan.FromMinutes(1))
            {
                // Not a record change worth auditing: when the address was last seen.
                await db.ApiClientAddresses.Where(a => a.Id == known.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeenAtUtc, now), cancellationToken);
            }

            return;
        }

        var firstEver = !await db.ApiClientAddresses.AnyAsync(a => a.ApiClientId == client.Id, cancellationToken);
        if (known is null)
        {
            db.ApiClientAddresses.Add(new ApiClientAddress(client.Id, ipAddress, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent call from the same address recorded it (and alerted) first.
                return;
            }
        }
        else
        {
            // Seen long ago: forgotten, so alerted again; only the claimant that moves LastSeen alerts.
            var moved = await db.ApiClientAddresses.Where(a => a.Id == known.Id && a.LastSeenAtUtc == known.LastSeenAtUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeenAtUtc, now), cancellationToken);
            if (moved == 0)
            {
                return;
            }
        }

        if (!firstEver)
        {
            await alerts.RaiseAsync(client.TenantId, SecurityAlertKind.ApiClientNewAddress, subjectUserId: null, client.ClientId, ipAddress, TimeSpan.Zero, cancellationToken);
        }
    }
}
