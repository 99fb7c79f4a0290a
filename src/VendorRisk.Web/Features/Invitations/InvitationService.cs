using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Security;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Invitations;

/// <summary>A pending invitation as the members page lists it.</summary>
public sealed record PendingInvitation(Guid Id, string Email, OrganisationRole Role, DateTimeOffset ExpiresAtUtc, int SentCount);

/// <summary>What an invitation link leads to, before anything is accepted.</summary>
public sealed record InvitationPreview(InvitationProblem Problem, string? OrganisationName, OrganisationRole? Role, string? Email, bool AccountExists);

/// <summary>The result of an action, with a message for the user (already localised).</summary>
public sealed record InvitationResult(bool Succeeded, string Message);

/// <summary>
/// Invitations into the current organisation: an administrator invites hospital colleagues, a
/// vendor administrator invites vendor colleagues. Tokens are random (256 bits), sent only by
/// e-mail, stored as SHA-256 hashes, single-use, and expire after seven days.
/// </summary>
public sealed class InvitationService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    PlatformDbContextFactory platform,
    UserManager<ApplicationUser> users,
    IEmailSender email,
    IOptions<EmailOptions> emailOptions,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    SecurityEventRecorder events,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    public const string AcceptPath = "Account/Invitation";

    public async Task<IReadOnlyList<PendingInvitation>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.Invitations
            .Where(i => i.Status == InvitationStatus.Pending)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.ExpiresAtUtc, i.SentCount))
            .ToListAsync(cancellationToken);
        return pending.OrderBy(i => i.Email, StringComparer.Ordinal).ToList();
    }

    /// <summary>Invites <paramref name="emailAddress"/> with <paramref name="role"/>; the link uses <paramref name="baseUri"/> (the address the inviter sees) unless Email:PublicBaseUrl is set.</summary>
    public async Task<InvitationResult> InviteAsync(string emailAddress, OrganisationRole role, string baseUri, CancellationToken cancellationToken = default)
    {
        if (!await MayManageAsync())
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        var address = (emailAddress ?? string.Empty).Trim().ToLowerInvariant();
        if (address.Length is 0 or > Invitation.EmailMaxLength || !new EmailAddressAttribute().IsValid(address))
        {
            return new(false, localizer["Validation_EmailInvalid"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await CurrentOrganisationAsync(db, cancellationToken);
        if (!OrganisationRoles.IsValidFor(organisation.Kind, role))
        {
            return new(false, localizer["Validation_RoleInvalid"]);
        }

        if (await db.Invitations.AnyAsync(i => i.Email == address && i.Status == InvitationStatus.Pending, cancellationToken))
        {
            return new(false, localizer["Members_InviteDuplicate", address]);
        }

        var existing = await users.FindByEmailAsync(address);
        if (existing is not null && await db.Memberships.AnyAsync(m => m.UserId == existing.Id, cancellationToken))
        {
            return new(false, localizer["Members_InviteAlreadyMember", address]);
        }

        var token = NewToken();
        var invitation = new Invitation(organisation, address, role, Hash(token), InviterId(), clock.GetUtcNow());
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(SecurityEventKind.InvitationSent, currentUser.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, address, organisation.Id, role.ToString(), cancellationToken);

        return await SendAsync(invitation, organisation.Name, token, baseUri, localizer["Members_InviteSent", address], cancellationToken);
    }

    /// <summary>
    /// Invites a new vendor contact named by a hospital as a respondent of an assessment: a
    /// contributor invitation into the <b>vendor's</b> organisation. The caller (the assessment
    /// service) has checked that the hospital's register links that organisation to one of its
    /// vendors; this writes the invitation in the vendor's tenant through a context acting for it,
    /// the only cross-tenant write an assessment launch makes. An address already pending there is
    /// not invited twice. The vendor register uses it too, with <see cref="OrganisationRole.VendorAdmin"/>,
    /// to invite the first contact of a vendor organisation it has just created and linked.
    /// </summary>
    public async Task<InvitationResult> InviteVendorRespondentAsync(
        Guid vendorOrganisationId, string emailAddress, string baseUri, OrganisationRole role = OrganisationRole.VendorContributor, CancellationToken cancellationToken = default)
    {
        if (role is not (OrganisationRole.VendorContributor or OrganisationRole.VendorAdmin))
        {
            return new(false, localizer["Validation_RoleInvalid"]);
        }

        var address = (emailAddress ?? string.Empty).Trim().ToLowerInvariant();
        if (address.Length is 0 or > Invitation.EmailMaxLength || !new EmailAddressAttribute().IsValid(address))
        {
            return new(false, localizer["Validation_EmailInvalid"]);
        }

        await using var db = platform.CreateForTenant(vendorOrganisationId);
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == vendorOrganisationId, cancellationToken);
        if (organisation is null || organisation.Kind != OrganisationKind.Vendor)
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        if (await db.Invitations.AnyAsync(i => i.Email == address && i.Status == InvitationStatus.Pending, cancellationToken))
        {
            return new(true, localizer["Members_InviteDuplicate", address]);
        }

        var token = NewToken();
        var invitation = new Invitation(organisation, address, role, Hash(token), InviterId(), clock.GetUtcNow());
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(SecurityEventKind.InvitationSent, currentUser.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, address, organisation.Id, role.ToString(), cancellationToken);
        return await SendAsync(invitation, organisation.Name, token, baseUri, localizer["Members_InviteSent", address], cancellationToken);
    }

    public Task<InvitationResult> ResendAsync(Guid invitationId, string baseUri, CancellationToken cancellationToken = default) =>
        WithPendingAsync(invitationId, async (db, invitation) =>
        {
            var organisation = await CurrentOrganisationAsync(db, cancellationToken);
            var token = NewToken();
            invitation.Resend(Hash(token), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await events.RecordAsync(SecurityEventKind.InvitationResent, email: invitation.Email, organisationId: organisation.Id, cancellationToken: cancellationToken);
            return await SendAsync(invitation, organisation.Name, token, baseUri, localizer["Members_Resent", invitation.Email], cancellationToken);
        }, cancellationToken);

    public Task<InvitationResult> RevokeAsync(Guid invitationId, CancellationToken cancellationToken = default) =>
        WithPendingAsync(invitationId, async (db, invitation) =>
        {
            invitation.Revoke();
            await db.SaveChangesAsync(cancellationToken);
            await events.RecordAsync(SecurityEventKind.InvitationRevoked, email: invitation.Email, organisationId: invitation.TenantId, cancellationToken: cancellationToken);
            return new InvitationResult(true, localizer["Members_Revoked", invitation.Email]);
        }, cancellationToken);

    /// <summary>Looks up a token from a link. The invitee is not signed in: this reads across tenants by the token's hash only.</summary>
    public async Task<InvitationPreview> PreviewAsync(string? token, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found is null)
        {
            return new(InvitationProblem.Unknown, null, null, null, false);
        }

        var (invitation, organisation) = found.Value;
        var exists = await users.FindByEmailAsync(invitation.Email) is not null;
        return new(invitation.ProblemAt(clock.GetUtcNow()), organisation.Name, invitation.Role, invitation.Email, exists);
    }

    /// <summary>
    /// Accepts an invitation: creates the account (or, for an existing account, checks its
    /// password) and the membership, in one step; returns the user, or the reason it failed.
    /// </summary>
    public async Task<(ApplicationUser? User, string? Error)> AcceptAsync(string? token, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(token, cancellationToken);
        var problem = found?.Invitation.ProblemAt(clock.GetUtcNow()) ?? InvitationProblem.Unknown;
        if (found is null || problem != InvitationProblem.None)
        {
            await events.RecordAsync(SecurityEventKind.InvitationRejected, email: found?.Invitation.Email, detail: problem.ToString(), cancellationToken: cancellationToken);
            return (null, localizer[$"Invitation_{problem}"]);
        }

        var (invitation, organisation) = found.Value;
        var user = await users.FindByEmailAsync(invitation.Email);
        if (user is not null)
        {
            if (!await users.CheckPasswordAsync(user, password))
            {
                await events.RecordAsync(SecurityEventKind.InvitationRejected, user.Id, user.Email, organisation.Id, "wrong password of existing account", cancellationToken);
                return (null, localizer["Invitation_WrongPassword"]);
            }
        }
        else
        {
            user = new ApplicationUser
            {
                UserName = invitation.Email,
                Email = invitation.Email,
                EmailConfirmed = true, // the link proved the address
                DisplayName = displayName.Trim(),
                CreatedAtUtc = clock.GetUtcNow(),
                CurrentOrganisationId = organisation.Id,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return (null, DescribeErrors(created.Errors));
            }
        }

        await using var db = platform.CreateForTenant(organisation.Id);
        var tracked = await db.Invitations.SingleAsync(i => i.Id == invitation.Id, cancellationToken);
        tracked.Accept(user.Id, clock.GetUtcNow());
        db.Memberships.Add(new Membership(organisation, user.Id, invitation.Role, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        user.CurrentOrganisationId = organisation.Id;
        await users.UpdateAsync(user);
        await events.RecordAsync(SecurityEventKind.InvitationAccepted, user.Id, user.Email, organisation.Id, invitation.Role.ToString(), cancellationToken);
        return (user, null);
    }

    /// <summary>Identity's errors in the user's language.</summary>
    public string DescribeErrors(IEnumerable<IdentityError> errors) =>
        string.Join(" ", errors.Select(e => localizer[$"IdentityError_{e.Code}"] is { ResourceNotFound: false } known
            ? known.Value
            : localizer["IdentityError_Other", e.Description].Value));

    internal static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<(Invitation Invitation, Organisation Organisation)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        await using var db = platform.CreateSystemContext();
        var invitation = await db.Invitations.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        var organisation = await db.Organisations.SingleAsync(o => o.Id == invitation.TenantId, cancellationToken);
        return (invitation, organisation);
    }

    private async Task<InvitationResult> SendAsync(Invitation invitation, string organisationName, string token, string baseUri, string success, CancellationToken cancellationToken)
    {
        var root = emailOptions.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : baseUri;
        var link = $"{root.TrimEnd('/')}/{AcceptPath}?token={token}";
        var inviter = currentUser.Principal.GetDisplayName();
        var role = localizer[$"Role_{invitation.Role}"].Value;
        var subject = localizer["Invitation_MailSubject", organisationName].Value;
        var body = localizer["Invitation_MailBody", inviter, organisationName, role, link].Value;
        var ignore = localizer["Invitation_MailIgnore"].Value;
        var html = $"<p>{System.Net.WebUtility.HtmlEncode(localizer["Invitation_MailBody", inviter, organisationName, role, string.Empty].Value)}<a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">{System.Net.WebUtility.HtmlEncode(link)}</a></p><p>{System.Net.WebUtility.HtmlEncode(ignore)}</p>";
        try
        {
            await email.SendAsync(new EmailMessage(invitation.Email, subject, $"{body}\n\n{ignore}\n", html), cancellationToken);
            return new(true, success);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Security.AuthenticationException)
        {
            return new(false, localizer["Members_InviteSavedNotSent", invitation.Email]);
        }
    }

    private async Task<Organisation> CurrentOrganisationAsync(VendorRiskDbContext db, CancellationToken cancellationToken)
    {
        var id = currentUser.Principal.GetOrganisationId() ?? throw new InvalidOperationException("No current organisation.");
        return await db.Organisations.SingleAsync(o => o.Id == id, cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> on a pending invitation of the current organisation, for a user who may manage members.</summary>
    private async Task<InvitationResult> WithPendingAsync(
        Guid invitationId,
        Func<VendorRiskDbContext, Invitation, Task<InvitationResult>> action,
        CancellationToken cancellationToken)
    {
        if (!await MayManageAsync())
        {
            return new(false, localizer["AccessDenied_Text"]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.Status == InvitationStatus.Pending, cancellationToken);
        return invitation is null ? new(false, localizer["Members_NotFound"]) : await action(db, invitation);
    }

    private async Task<bool> MayManageAsync() =>
        (await authorization.AuthorizeAsync(currentUser.Principal, Policies.ManageMembers)).Succeeded;

    private string InviterId() =>
        currentUser.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
        ?? throw new InvalidOperationException("Only a signed-in user can invite.");
}
