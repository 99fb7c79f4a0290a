using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Infrastructure.OpenIdConnect;

/// <summary>
/// An API client registered by an Administrator for one organisation. The OAuth side (client id,
/// hashed secret, permissions) lives in OpenIddict's application table; this record says which
/// tenant the client acts for, who registered it, when it was last used and whether it is revoked.
/// Tokens issued to the client carry the tenant in the <c>vr:org</c> claim.
/// </summary>
public sealed class ApiClient : TenantOwnedEntity
{
    public const int DisplayNameMaxLength = 100;
    public const int ClientIdMaxLength = 100;
    public const int RedirectUriMaxLength = 500;

    private ApiClient()
    {
        ClientId = string.Empty;
        DisplayName = string.Empty;
        Scopes = string.Empty;
        CreatedByUserId = string.Empty;
    }

    public ApiClient(Guid tenantId, string clientId, string displayName, IEnumerable<string> scopes, Uri? redirectUri, string createdByUserId, DateTimeOffset nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdByUserId);
        AssignTenant(tenantId);
        ClientId = clientId;
        DisplayName = displayName.Trim();
        Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        RedirectUri = redirectUri?.AbsoluteUri;
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc.ToUniversalTime();
    }

    /// <summary>The OAuth client_id (also OpenIddict's ClientId).</summary>
    public string ClientId { get; private set; }

    public string DisplayName { get; private set; }

    /// <summary>Space-separated scopes the client may request.</summary>
    public string Scopes { get; private set; }

    /// <summary>Set for an interactive client (authorization code + PKCE); null for a machine client (client credentials).</summary>
    public string? RedirectUri { get; private set; }

    public string CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    /// <summary>When a token was last issued to the client or an API call last made with one.</summary>
    public DateTimeOffset? LastUsedAtUtc { get; private set; }

    public DateTimeOffset? RevokedAtUtc { get; private set; }

    public string? RevokedByUserId { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Revoke(string byUserId, DateTimeOffset nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(byUserId);
        if (RevokedAtUtc is null)
        {
            RevokedAtUtc = nowUtc.ToUniversalTime();
            RevokedByUserId = byUserId;
        }
    }
}
