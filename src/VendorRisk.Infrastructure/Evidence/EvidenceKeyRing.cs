using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace VendorRisk.Infrastructure.Evidence;

/// <summary>
/// Wraps each file's data key with its tenant's key-encryption key: an ASP.NET Core Data
/// Protection protector whose purpose chain names the tenant, so one tenant's wrapped keys cannot
/// be unwrapped as another's. Data Protection's key ring (kept in the database, rotated by its own
/// policy, old keys kept for reading) is the root.
/// </summary>
public sealed class EvidenceKeyRing(IDataProtectionProvider provider)
{
    private const string Purpose = "VendorRisk.Evidence.DataKey.v1";

    public byte[] Wrap(Guid tenantId, byte[] dataKey) => Protector(tenantId).Protect(dataKey);

    /// <summary>Unwraps a data key; throws <see cref="EvidenceIntegrityException"/> when the wrapped key is not this tenant's or was changed.</summary>
    public byte[] Unwrap(Guid tenantId, byte[] wrapped)
    {
        try
        {
            return Protector(tenantId).Unprotect(wrapped);
        }
        catch (CryptographicException ex)
        {
            throw new EvidenceIntegrityException("The file's key could not be unwrapped.", ex);
        }
    }

    private IDataProtector Protector(Guid tenantId) => provider.CreateProtector(Purpose, tenantId.ToString("N"));
}
