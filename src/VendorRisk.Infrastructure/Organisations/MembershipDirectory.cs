using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Infrastructure.Organisations;

/// <summary>One of a user's memberships, with the organisation's name and kind.</summary>
public sealed record UserMembership(Guid OrganisationId, string OrganisationName, OrganisationKind Kind, OrganisationRole Role);

/// <summary>
/// Answers "which organisations may this user act for?" — the question asked at sign-in and when
/// switching organisation, before any tenant is chosen. It therefore reads memberships across
/// tenants, but only the signed-in user's own.
/// </summary>
public sealed class MembershipDirectory(PlatformDbContextFactory contexts)
{
    public async Task<IReadOnlyList<UserMembership>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        await using var db = contexts.CreateSystemContext();
        return await (
                from m in db.Memberships.IgnoreQueryFilters()
                join o in db.Organisations on m.TenantId equals o.Id
                where m.UserId == userId
                orderby o.Name
                select new UserMembership(o.Id, o.Name, o.Kind, m.Role))
            .ToListAsync(cancellationToken);
    }
}
