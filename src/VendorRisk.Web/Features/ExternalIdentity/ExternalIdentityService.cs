using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.ExternalIdentity;

/// <summary>The organisation's provider as its settings page shows it (never the secret).</summary>
public sealed record ExternalProviderSettings(
    Guid? Id,
    string DisplayName,
    string Authority,
    string ClientId,
    bool HasSecret,
    string EmailDomain,
    string RoleClaimType,
    IReadOnlyList<RoleMapping> Mappings,
    bool Enabled,
    string? CallbackPath);

/// <summary>A provider the login page offers.</summary>
public sealed record ExternalProviderButton(Guid Id, string DisplayName);

public sealed record ExternalIdentityResult(bool Succeeded, string Message);

/// <summary>Why an external sign-in was refused; the login page explains each.</summary>
public enum ExternalSignInProblem
{
    None = 0,
    Failed,
    UnknownProvider,
    WrongDomain,
    Unmapped,
    NoMfa,
    Inactive,
}

/// <summary>
/// Per-organisation external OpenID Connect sign-in: an Administrator configures the hospital's
/// provider; a user of the configured e-mail domain signs in there and gets the role the mapping
/// gives the provider's claim. Unknown claim values are refused: nobody gets in by default.
/// </summary>
public sealed class ExternalIdentityService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    PlatformDbContextFactory platform,
    CurrentUser currentUser,
    IDataProtectionProvider dataProtection,
    UserManager<ApplicationUser> users,
    SecurityEventRecorder events,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<ExternalProviderSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!currentUser.Principal.Allows(Policies.ManageExternalSignIn))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var p = await db.ExternalIdentityProviders.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return p is null
            ? null
            : new ExternalProviderSettings(p.Id, p.DisplayName, p.Authority, p.ClientId, p.ProtectedClientSecret.Length > 0, p.EmailDomain, p.RoleClaimType, p.RoleMappings, p.Enabled, ExternalSchemes.CallbackPrefix + p.Id.ToString("N"));
    }

    /// <summary>Creates or updates the organisation's provider. An empty secret keeps the stored one.</summary>
    public async Task<ExternalIdentityResult> SaveAsync(ExternalProviderSettings settings, string? newSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!currentUser.Principal.Allows(Policies.ManageExternalSignIn) || currentUser.Principal.GetOrganisationId() is not { } tenant)
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        if (Validate(settings, out var authority) is { } problem)
        {
            return new(false, problem);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var provider = await db.ExternalIdentityProviders.FirstOrDefaultAsync(cancellationToken);
        if (provider is null && string.IsNullOrEmpty(newSecret))
        {
            return new(false, localizer["ExternalSignIn_SecretRequired"]);
        }

        var domain = settings.EmailDomain.Trim().TrimStart('@').ToLowerInvariant();
        if (await db.ExternalIdentityProviders.IgnoreQueryFilters().AnyAsync(p => p.EmailDomain == domain && p.TenantId != tenant, cancellationToken))
        {
            return new(false, localizer["ExternalSignIn_DomainTaken", domain]);
        }

        if (provider is null)
        {
            provider = new ExternalIdentityProvider(tenant, clock.GetUtcNow());
            db.ExternalIdentityProviders.Add(provider);
        }

        provider.Update(settings.DisplayName, authority!, settings.ClientId, domain, settings.RoleClaimType, settings.Mappings, settings.Enabled, clock.GetUtcNow());
        if (!string.IsNullOrEmpty(newSecret))
        {
            if (newSecret.Length > 1000)
            {
                return new(false, localizer["ExternalSignIn_FieldInvalid"]);
            }

            provider.SetProtectedClientSecret(dataProtection.CreateProtector(ExternalSchemes.SecretPurpose).Protect(newSecret));
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(true, localizer["ExternalSignIn_Saved"]);
    }

    /// <summary>The enabled providers, for the login page (names only: which one fits is the user's choice).</summary>
    public async Task<IReadOnlyList<ExternalProviderButton>> ButtonsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = platform.CreateSystemContext();
        return await db.ExternalIdentityProviders.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Enabled)
            .OrderBy(p => p.DisplayName)
            .Select(p => new ExternalProviderButton(p.Id, p.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public async Task<ExternalIdentityProvider?> FindEnabledAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = platform.CreateSystemContext();
        return await db.ExternalIdentityProviders.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == id && p.Enabled, cancellationToken);
    }

    /// <summary>
    /// Maps the provider's identity to a VendorRisk account and membership. The e-mail must be of
    /// the provider's domain, the provider must assert MFA (amr contains "mfa"), and one of the
    /// role claim's values must be mapped; the mapped role replaces the membership's role.
    /// </summary>
    public async Task<(ApplicationUser? User, ExternalSignInProblem Problem)> ResolveAsync(ExternalIdentityProvider provider, ClaimsPrincipal external, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(external);
        var email = external.FindFirstValue("email")?.Trim().ToLowerInvariant();
        if (email is null || email.Length > 256 || !email.EndsWith("@" + provider.EmailDomain, StringComparison.Ordinal))
        {
            await events.RecordAsync(SecurityEventKind.SignInRefused, email: email, organisationId: provider.TenantId, detail: "external: e-mail outside the provider's domain", cancellationToken: cancellationToken);
            return (null, ExternalSignInProblem.WrongDomain);
        }

        var role = provider.RoleFor(external.FindAll(provider.RoleClaimType).Select(c => c.Value));
        if (role is not { } mapped || !OrganisationRoles.IsValidFor(OrganisationKind.Hospital, mapped))
        {
            await events.RecordAsync(SecurityEventKind.SignInRefused, email: email, organisationId: provider.TenantId, detail: "external: no role mapped for the user's claims", cancellationToken: cancellationToken);
            return (null, ExternalSignInProblem.Unmapped);
        }

        if (OrganisationRoles.RequiresMfa(mapped) && !external.FindAll("amr").Any(c => c.Value == MfaClaims.Mfa))
        {
            await events.RecordAsync(SecurityEventKind.SignInRefused, email: email, organisationId: provider.TenantId, detail: "external: the provider did not assert MFA", cancellationToken: cancellationToken);
            return (null, ExternalSignInProblem.NoMfa);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = external.FindFirstValue("name") is { Length: > 0 and <= ApplicationUser.DisplayNameMaxLength } name ? name : email,
                CreatedAtUtc = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return (null, ExternalSignInProblem.Failed);
            }
        }
        else if (!user.IsActive)
        {
            await events.RecordAsync(SecurityEventKind.SignInRefused, user.Id, email, provider.TenantId, "external: inactive account", cancellationToken);
            return (null, ExternalSignInProblem.Inactive);
        }

        await using (var db = platform.CreateForTenant(provider.TenantId))
        {
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == user.Id, cancellationToken);
            if (membership is null)
            {
                var organisation = await db.Organisations.SingleAsync(o => o.Id == provider.TenantId, cancellationToken);
                db.Memberships.Add(new Membership(organisation, user.Id, mapped, clock.GetUtcNow()));
            }
            else if (membership.Role != mapped)
            {
                membership.ChangeRole(OrganisationKind.Hospital, mapped);
                await events.RecordAsync(SecurityEventKind.RoleChanged, user.Id, email, provider.TenantId, $"external mapping: {mapped}", cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        user.CurrentOrganisationId = provider.TenantId;
        await users.UpdateAsync(user);
        return (user, ExternalSignInProblem.None);
    }

    private string? Validate(ExternalProviderSettings s, out Uri? authority)
    {
        authority = null;
        if (string.IsNullOrWhiteSpace(s.DisplayName) || s.DisplayName.Trim().Length > ExternalIdentityProvider.DisplayNameMaxLength
            || string.IsNullOrWhiteSpace(s.ClientId) || s.ClientId.Trim().Length > ExternalIdentityProvider.ClientIdMaxLength
            || string.IsNullOrWhiteSpace(s.RoleClaimType) || s.RoleClaimType.Trim().Length > ExternalIdentityProvider.RoleClaimTypeMaxLength)
        {
            return localizer["ExternalSignIn_FieldInvalid"];
        }

        if (s.Authority is not { Length: > 0 and <= ExternalIdentityProvider.AuthorityMaxLength } || !Uri.TryCreate(s.Authority.Trim(), UriKind.Absolute, out authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || authority.Scheme == Uri.UriSchemeHttp) || !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment))
        {
            return localizer["ExternalSignIn_AuthorityInvalid"];
        }

        var domain = (s.EmailDomain ?? string.Empty).Trim().TrimStart('@');
        if (domain.Length is 0 or > ExternalIdentityProvider.EmailDomainMaxLength || Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal))
        {
            return localizer["ExternalSignIn_DomainInvalid"];
        }

        if (s.Mappings.Count is 0 or > ExternalIdentityProvider.MaxMappings
            || s.Mappings.Any(m => string.IsNullOrWhiteSpace(m.ClaimValue) || m.ClaimValue.Length > 200 || !OrganisationRoles.IsValidFor(OrganisationKind.Hospital, m.Role)))
        {
            return localizer["ExternalSignIn_MappingsInvalid"];
        }

        return null;
    }
}
