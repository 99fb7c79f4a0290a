using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Assessments;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Vendors;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Features.Invitations;

namespace VendorRisk.Web.Features.Vendors;

/// <summary>A vendor organisation found by an exact match: its name and nothing else.</summary>
public sealed record OrganisationMatch(Guid Id, string Name);

/// <summary>The answer to a link search: the matches, or a message saying why there are none.</summary>
public sealed record OrganisationSearch(IReadOnlyList<OrganisationMatch> Matches, string? Message);

/// <summary>
/// Links a hospital's vendor record to the vendor's own organisation on VendorRisk, so that one
/// vendor organisation answers many hospitals.
/// </summary>
/// <remarks>
/// <para>Nothing here lists organisations or other hospitals' records. A vendor organisation is
/// found only by an exact key the hospital already knows: a valid SIRET (matched against the
/// registration numbers of vendor records other hospitals have linked to it) or the exact domain of
/// its members' e-mail addresses. A match shows the organisation's name only; the link itself
/// re-runs the search, so an organisation id cannot be linked without its key.</para>
/// <para>The link lives on the hospital's own vendor record (its tenant); the vendor organisation
/// sees only the assessments addressed to it, and no hospital sees another's record. The change of
/// <see cref="Vendor.LinkedOrganisationId"/> is written to the audit log by the save interceptor.</para>
/// </remarks>
public sealed class VendorLinkService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    PlatformDbContextFactory platform,
    InvitationService invitations,
    CurrentUser currentUser,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>Mailbox providers shared by many companies: their domain identifies nobody.</summary>
    private static readonly HashSet<string> SharedMailDomains = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr",
        "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
        "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "gmx.com", "gmx.fr",
    };

    private static readonly AssessmentStatus[] Closed = [AssessmentStatus.Completed, AssessmentStatus.Cancelled];

    private ClaimsPrincipal User => currentUser.Principal;

    /// <summary>Finds the vendor organisations matching <paramref name="key"/> exactly (a SIRET or an e-mail domain).</summary>
    public async Task<OrganisationSearch> FindAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorWrite))
        {
            return new([], l["Register_NotAllowed"]);
        }

        var parsed = Parse(key);
        if (parsed is null)
        {
            return new([], l["VendorLink_KeyInvalid"]);
        }

        var matches = await MatchAsync(parsed.Value, cancellationToken);
        return new(matches, matches.Count == 0 ? l["VendorLink_NoMatch"].Value : null);
    }

    /// <summary>Links the vendor record to <paramref name="organisationId"/>, which must be among the exact matches of <paramref name="key"/>.</summary>
    public async Task<RegisterResult> LinkAsync(Guid vendorId, string? key, Guid organisationId, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorWrite))
        {
            return RegisterResult.Failed(l["Register_NotAllowed"]);
        }

        var parsed = Parse(key);
        if (parsed is null)
        {
            return RegisterResult.Failed(l["VendorLink_KeyInvalid"]);
        }

        var matches = await MatchAsync(parsed.Value, cancellationToken);
        if (!matches.Any(m => m.Id == organisationId))
        {
            return RegisterResult.Failed(l["VendorLink_NoMatch"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId, cancellationToken);
        return await ChangeAsync(db, vendorId, concurrencyToken, vendor =>
        {
            if (vendor.LinkedOrganisationId is not null)
            {
                return l["VendorLink_AlreadyLinked"];
            }

            vendor.LinkOrganisation(organisation);
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Creates the vendor's organisation (named after the record), links it and invites
    /// <paramref name="contactEmail"/> as its first administrator through the invitation service.
    /// Refused when an organisation already answers for that e-mail domain: link that one instead.
    /// </summary>
    public async Task<RegisterResult> CreateAndInviteAsync(Guid vendorId, string? contactEmail, Guid concurrencyToken, string baseUri, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorWrite))
        {
            return RegisterResult.Failed(l["Register_NotAllowed"]);
        }

        var address = (contactEmail ?? string.Empty).Trim().ToLowerInvariant();
        if (address.Length is 0 or > Invitation.EmailMaxLength || !new EmailAddressAttribute().IsValid(address))
        {
            return RegisterResult.Failed(l["Validation_EmailInvalid"]);
        }

        var domain = address[(address.LastIndexOf('@') + 1)..];
        if (!SharedMailDomains.Contains(domain) && (await MatchAsync(new LinkKey(null, domain), cancellationToken)).Count > 0)
        {
            return RegisterResult.Failed(l["VendorLink_DomainTaken", domain]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var vendor = await db.Vendors.SingleOrDefaultAsync(v => v.Id == vendorId, cancellationToken);
        if (vendor is null)
        {
            return RegisterResult.Failed(l["Vendor_NotFound"]);
        }

        if (vendor.ConcurrencyToken != concurrencyToken)
        {
            return RegisterResult.Stale(l["Vendor_Conflict"]);
        }

        if (vendor.LinkedOrganisationId is not null)
        {
            return RegisterResult.Failed(l["VendorLink_AlreadyLinked"]);
        }

        if (vendor.IsArchived)
        {
            return RegisterResult.Failed(l["Vendor_Error_Archived", vendor.LegalName]);
        }

        var organisation = new Organisation(vendor.LegalName, OrganisationKind.Vendor, clock.GetUtcNow());
        await using (var system = platform.CreateSystemContext())
        {
            system.Organisations.Add(organisation);
            await system.SaveChangesAsync(cancellationToken);
        }

        var linked = await ChangeAsync(db, vendorId, concurrencyToken, v =>
        {
            v.LinkOrganisation(organisation);
            return null;
        }, cancellationToken, vendor);
        if (!linked.Succeeded)
        {
            // Nobody can reach an organisation without members or links: remove it rather than leave it behind.
            await using var system = platform.CreateSystemContext();
            system.Organisations.Remove(await system.Organisations.SingleAsync(o => o.Id == organisation.Id, cancellationToken));
            await system.SaveChangesAsync(cancellationToken);
            return linked;
        }

        var invited = await invitations.InviteVendorRespondentAsync(organisation.Id, address, baseUri, OrganisationRole.VendorAdmin, cancellationToken);
        return invited.Succeeded
            ? RegisterResult.Ok(vendorId)
            : RegisterResult.Failed(l["VendorLink_CreatedInviteFailed", invited.Message]);
    }

    /// <summary>Removes the link; refused while an assessment of this vendor is still open.</summary>
    public async Task<RegisterResult> UnlinkAsync(Guid vendorId, Guid concurrencyToken, CancellationToken cancellationToken = default)
    {
        if (!User.Allows(Policies.VendorWrite))
        {
            return RegisterResult.Failed(l["Register_NotAllowed"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Assessments.CountAsync(a => a.VendorId == vendorId && !Closed.Contains(a.Status), cancellationToken);
        if (open > 0)
        {
            return RegisterResult.Failed(l["VendorLink_OpenAssessments", open]);
        }

        return await ChangeAsync(db, vendorId, concurrencyToken, vendor =>
        {
            if (vendor.LinkedOrganisationId is null)
            {
                return l["VendorLink_NotLinked"];
            }

            vendor.UnlinkOrganisation();
            return null;
        }, cancellationToken);
    }

    /// <summary>A SIRET (14 digits, valid) or an e-mail domain (with or without the part before @); null when neither.</summary>
    internal static LinkKey? Parse(string? key)
    {
        var text = (key ?? string.Empty).Trim();
        if (text.Length is 0 or > Vendor.EmailMaxLength)
        {
            return null;
        }

        var siret = Siret.Normalise(text);
        if (siret.All(char.IsAsciiDigit))
        {
            return Siret.IsValid(siret) ? new LinkKey(siret, null) : null;
        }

        var domain = text[(text.LastIndexOf('@') + 1)..].ToLowerInvariant();
        var labels = domain.Split('.');
        var wellFormed = labels.Length >= 2
            && labels.All(label => label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-' && label[^1] != '-')
            && labels[^1].All(char.IsAsciiLetter);
        return wellFormed && !SharedMailDomains.Contains(domain) ? new LinkKey(null, domain) : null;
    }

    private async Task<IReadOnlyList<OrganisationMatch>> MatchAsync(LinkKey key, CancellationToken cancellationToken)
    {
        // The only cross-tenant read of this feature: ids of vendor organisations by an exact key,
        // then their names. Nothing else of another tenant is read or returned.
        await using var system = platform.CreateSystemContext();
        List<Guid> ids;
        if (key.Siret is { } siret)
        {
            ids = await system.Vendors.IgnoreQueryFilters([TenantModelConventions.FilterName])
                .Where(v => v.RegistrationNumber == siret && v.LinkedOrganisationId != null)
                .Select(v => v.LinkedOrganisationId!.Value)
                .Distinct()
                .ToListAsync(cancellationToken);
        }
        else
        {
            var suffix = "@" + key.Domain!.ToUpperInvariant();
            ids = await (from m in system.Memberships.IgnoreQueryFilters([TenantModelConventions.FilterName])
                         join u in system.Users on m.UserId equals u.Id
                         where u.NormalizedEmail != null && u.NormalizedEmail.EndsWith(suffix)
                         select m.TenantId).Distinct().ToListAsync(cancellationToken);
        }

        var names = await system.Organisations
            .Where(o => ids.Contains(o.Id) && o.Kind == OrganisationKind.Vendor)
            .Select(o => new OrganisationMatch(o.Id, o.Name))
            .ToListAsync(cancellationToken);
        return names.OrderBy(m => m.Name, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)).ToList();
    }

    private async Task<RegisterResult> ChangeAsync(
        VendorRiskDbContext db, Guid vendorId, Guid concurrencyToken, Func<Vendor, string?> change, CancellationToken cancellationToken, Vendor? loaded = null)
    {
        var vendor = loaded ?? await db.Vendors.SingleOrDefaultAsync(v => v.Id == vendorId, cancellationToken);
        if (vendor is null)
        {
            return RegisterResult.Failed(l["Vendor_NotFound"]);
        }

        if (vendor.ConcurrencyToken != concurrencyToken)
        {
            return RegisterResult.Stale(l["Vendor_Conflict"]);
        }

        db.Entry(vendor).Property(nameof(Vendor.ConcurrencyToken)).OriginalValue = concurrencyToken;
        if (change(vendor) is { } error)
        {
            return RegisterResult.Failed(error);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return RegisterResult.Ok(vendor.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            return RegisterResult.Stale(l["Vendor_Conflict"]);
        }
    }
}

/// <summary>An exact search key: either a SIRET or an e-mail domain.</summary>
internal readonly record struct LinkKey(string? Siret, string? Domain);
