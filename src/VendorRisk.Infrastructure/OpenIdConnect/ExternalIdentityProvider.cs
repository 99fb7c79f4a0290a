using System.Text.Json;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Infrastructure.OpenIdConnect;

/// <summary>One claim value of the hospital's identity provider and the VendorRisk role it grants.</summary>
public sealed record RoleMapping(string ClaimValue, OrganisationRole Role);

/// <summary>
/// A hospital's own OpenID Connect identity provider: users whose e-mail domain matches sign in
/// there instead of with a VendorRisk password, and get the role the mapping gives their claim.
/// The client secret is stored protected with ASP.NET Core Data Protection and never shown again.
/// </summary>
public sealed class ExternalIdentityProvider : TenantOwnedEntity
{
    public const int DisplayNameMaxLength = 100;
    public const int AuthorityMaxLength = 500;
    public const int ClientIdMaxLength = 200;
    public const int EmailDomainMaxLength = 200;
    public const int RoleClaimTypeMaxLength = 100;
    public const int MaxMappings = 20;

    private ExternalIdentityProvider()
    {
        DisplayName = string.Empty;
        Authority = string.Empty;
        ClientId = string.Empty;
        ProtectedClientSecret = string.Empty;
        EmailDomain = string.Empty;
        RoleClaimType = string.Empty;
        RoleMappingsJson = "[]";
    }

    public ExternalIdentityProvider(Guid tenantId, DateTimeOffset nowUtc)
        : this()
    {
        AssignTenant(tenantId);
        CreatedAtUtc = nowUtc.ToUniversalTime();
    }

    /// <summary>Shown on the login button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; private set; }

    public string Authority { get; private set; }

    public string ClientId { get; private set; }

    /// <summary>The client secret, protected with Data Protection (purpose <c>VendorRisk.ExternalIdentity.ClientSecret</c>).</summary>
    public string ProtectedClientSecret { get; private set; }

    /// <summary>Lower-case e-mail domain (without @) of the users this provider signs in.</summary>
    public string EmailDomain { get; private set; }

    /// <summary>The claim of the provider's ID token that carries the user's groups or roles.</summary>
    public string RoleClaimType { get; private set; }

    public string RoleMappingsJson { get; private set; }

    public bool Enabled { get; private set; }

    public DateTimeOffset CreatedAtUtc { get; private set; }

    public DateTimeOffset? UpdatedAtUtc { get; private set; }

    public IReadOnlyList<RoleMapping> RoleMappings =>
        JsonSerializer.Deserialize<List<RoleMapping>>(RoleMappingsJson) ?? [];

    /// <summary>Stable authentication scheme name of this provider.</summary>
    public string SchemeName => SchemeFor(Id);

    public static string SchemeFor(Guid id) => $"oidc-{id:N}";

    public void Update(string displayName, Uri authority, string clientId, string emailDomain, string roleClaimType, IReadOnlyList<RoleMapping> mappings, bool enabled, DateTimeOffset nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(emailDomain);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleClaimType);
        ArgumentNullException.ThrowIfNull(mappings);
        if (mappings.Count > MaxMappings)
        {
            throw new ArgumentException($"At most {MaxMappings} role mappings.", nameof(mappings));
        }

        DisplayName = displayName.Trim();
        Authority = authority.AbsoluteUri.TrimEnd('/');
        ClientId = clientId.Trim();
        EmailDomain = emailDomain.Trim().TrimStart('@').ToLowerInvariant();
        RoleClaimType = roleClaimType.Trim();
        RoleMappingsJson = JsonSerializer.Serialize(mappings);
        Enabled = enabled;
        UpdatedAtUtc = nowUtc.ToUniversalTime();
    }

    public void SetProtectedClientSecret(string protectedSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedSecret);
        ProtectedClientSecret = protectedSecret;
    }

    /// <summary>The role the claim values grant: the highest-privileged mapping that matches, in mapping order.</summary>
    public OrganisationRole? RoleFor(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.Ordinal);
        return RoleMappings.FirstOrDefault(m => values.Contains(m.ClaimValue))?.Role;
    }
}
