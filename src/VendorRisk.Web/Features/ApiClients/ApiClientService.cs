using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;
using VendorRisk.Infrastructure.OpenIdConnect;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Api;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.ApiClients;

/// <summary>An API client as the list shows it: never its secret.</summary>
public sealed record ApiClientRow(
    Guid Id,
    string DisplayName,
    string ClientId,
    IReadOnlyList<string> Scopes,
    string? RedirectUri,
    DateTimeOffset CreatedAtUtc,
    DateTimeOffset? LastUsedAtUtc,
    DateTimeOffset? RevokedAtUtc);

/// <summary>The outcome of registering a client: the secret is in here once, and nowhere else ever again.</summary>
public sealed record ApiClientCreated(bool Succeeded, string Message, string? ClientId = null, string? ClientSecret = null);

public sealed record ApiClientResult(bool Succeeded, string Message);

/// <summary>
/// Registers, lists and revokes the API clients of the organisation the Administrator acts for.
/// OpenIddict stores the client (its secret hashed); <see cref="ApiClient"/> ties it to the
/// tenant. A machine client uses client credentials and gets a secret; an interactive client
/// (with a redirect URI) is public and uses authorization code + PKCE.
/// </summary>
public sealed class ApiClientService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    IServiceScopeFactory scopeFactory,
    CurrentUser currentUser,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public const int SecretBytes = 32;

    public async Task<IReadOnlyList<ApiClientRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!currentUser.Principal.Allows(Policies.ManageApiClients))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiClients.AsNoTracking().ToListAsync(cancellationToken);
        return rows
            .OrderBy(c => c.IsRevoked).ThenByDescending(c => c.CreatedAtUtc)
            .Select(c => new ApiClientRow(c.Id, c.DisplayName, c.ClientId, c.ScopeList, c.RedirectUri, c.CreatedAtUtc, c.LastUsedAtUtc, c.RevokedAtUtc))
            .ToList();
    }

    public async Task<ApiClientCreated> CreateAsync(string displayName, IReadOnlyCollection<string> scopes, string? redirectUri, CancellationToken cancellationToken = default)
    {
        var principal = currentUser.Principal;
        if (!principal.Allows(Policies.ManageApiClients) || principal.GetOrganisationId() is not { } tenant
            || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        var name = (displayName ?? string.Empty).Trim();
        if (name.Length is 0 or > ApiClient.DisplayNameMaxLength)
        {
            return new(false, localizer["ApiClients_NameInvalid", ApiClient.DisplayNameMaxLength]);
        }

        var chosen = (scopes ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Any(s => !ApiScopes.All.Contains(s)))
        {
            return new(false, localizer["ApiClients_ScopesInvalid"]);
        }

        Uri? redirect = null;
        if (!string.IsNullOrWhiteSpace(redirectUri))
        {
            var text = redirectUri.Trim();
            if (text.Length > ApiClient.RedirectUriMaxLength || !Uri.TryCreate(text, UriKind.Absolute, out redirect)
                || !(redirect.Scheme == Uri.UriSchemeHttps || (redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback))
                || !string.IsNullOrEmpty(redirect.Fragment))
            {
                return new(false, localizer["ApiClients_RedirectInvalid"]);
            }
        }

        var clientId = "vr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = redirect is null ? WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes)) : null;
        var descriptor = ApiClientDescriptors.Describe(clientId, name, chosen, redirect, secret);

        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor, cancellationToken);
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ApiClients.Add(new ApiClient(tenant, clientId, name, chosen, redirect, userId, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No OAuth client without its tenant record.
            await DeleteApplicationAsync(clientId, CancellationToken.None);
            throw;
        }

        return new(true, localizer["ApiClients_Created", name], clientId, secret);
    }

    public async Task<ApiClientResult> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var principal = currentUser.Principal;
        if (!principal.Allows(Policies.ManageApiClients) || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return new(false, localizer["ApiClients_NotFound"]);
        }

        client.Revoke(userId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        // Deleting the OpenIddict application deletes its tokens and authorizations: every token
        // it holds fails validation on the next call.
        await DeleteApplicationAsync(client.ClientId, cancellationToken);
        return new(true, localizer["ApiClients_Revoked", client.DisplayName]);
    }

    private async Task DeleteApplicationAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application)
        {
            await applications.DeleteAsync(application, cancellationToken);
        }
    }
}
