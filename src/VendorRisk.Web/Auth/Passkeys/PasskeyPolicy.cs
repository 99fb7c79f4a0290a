using Microsoft.EntityFrameworkCore;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Auth.Passkeys;

/// <summary>
/// Reads the tenant passkey policy ("Administrators and CISOs must use a passkey"). Asked when
/// the sign-in cookie is built and at every security-stamp refresh (each minute), so turning the
/// policy on reaches open sessions within a minute.
/// </summary>
public sealed class PasskeyPolicy(PlatformDbContextFactory contexts)
{
    /// <summary>Whether <paramref name="role"/> in <paramref name="organisationId"/> must sign in with a passkey.</summary>
    public async Task<bool> RequiresPasskeyAsync(Guid organisationId, OrganisationRole role, CancellationToken cancellationToken = default)
    {
        if (!OrganisationRoles.CoveredByPasskeyPolicy(role))
        {
            return false;
        }

        await using var db = contexts.CreateSystemContext();
        return await db.Organisations.AnyAsync(o => o.Id == organisationId && o.RequirePasskeyForPrivilegedRoles, cancellationToken);
    }
}
