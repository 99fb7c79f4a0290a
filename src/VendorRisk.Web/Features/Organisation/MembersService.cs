using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Organisation;

/// <summary>A member of the current organisation as the members page shows it.</summary>
public sealed record MemberRow(string DisplayName, string Email, OrganisationRole Role, DateTimeOffset MemberSinceUtc);

/// <summary>
/// Lists the members of the organisation the user acts for. Relies on the tenant filter: the
/// query names no organisation, yet returns only the current one's memberships.
/// </summary>
public sealed class MembersService(IDbContextFactory<VendorRiskDbContext> contexts)
{
    public async Task<IReadOnlyList<MemberRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from m in db.Memberships
                join u in db.Set<ApplicationUser>() on m.UserId equals u.Id
                orderby u.DisplayName
                select new MemberRow(u.DisplayName, u.Email ?? string.Empty, m.Role, m.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }
}
