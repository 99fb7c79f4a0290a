using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using VendorRisk.Domain.Organisations;

namespace VendorRisk.Web.Auth;

/// <summary>
/// The named authorization policies. Every page and endpoint names one of these (or is explicitly
/// anonymous); each is an organisation-scoped role check, evaluated against the organisation the
/// user currently acts for.
/// </summary>
public static class Policies
{
    /// <summary>Any member of the current organisation, hospital or vendor.</summary>
    public const string Member = nameof(Member);

    /// <summary>Any role of a hospital organisation.</summary>
    public const string HospitalMember = nameof(HospitalMember);

    /// <summary>Any role of a vendor organisation.</summary>
    public const string VendorMember = nameof(VendorMember);

    /// <summary>Who may see the members of the current organisation.</summary>
    public const string ViewMembers = nameof(ViewMembers);

    /// <summary>Who may invite people, change roles and remove members in the current organisation.</summary>
    public const string ManageMembers = nameof(ManageMembers);

    /// <summary>
    /// Any signed-in user, whatever their organisation: only for account endpoints (switching
    /// organisation) that check membership themselves.
    /// </summary>
    public const string SignedIn = nameof(SignedIn);
    /// <summary>Who may read the vendor register (vendors, products, engagements, tiers, contracts, access register): every hospital role, no vendor role.</summary>
    public const string VendorRead = nameof(VendorRead);

    /// <summary>Who may create and change vendors, products and engagements.</summary>
    public const string VendorWrite = nameof(VendorWrite);

    /// <summary>Who may override an engagement's computed tier (with a mandatory reason).</summary>
    public const string TierOverride = nameof(TierOverride);

    /// <summary>Who may keep an engagement's privileged-access register: the CISO as well as those who record engagements.</summary>
    public const string AccessRegisterWrite = nameof(AccessRegisterWrite);

    /// <summary>Who may keep contracts and data-handling agreements: the DPO (DPAs) as well as those who record engagements.</summary>
    public const string ContractWrite = nameof(ContractWrite);
    /// <summary>Who may read the questionnaire library (every hospital role; vendors never see it).</summary>
    public const string QuestionnaireRead = nameof(QuestionnaireRead);

    /// <summary>Who may create, edit, publish, retire and import questionnaire templates.</summary>
    public const string QuestionnaireEdit = nameof(QuestionnaireEdit);

    /// <summary>Who may search, export and verify the organisation's audit log.</summary>
    public const string AuditRead = nameof(AuditRead);

    /// <summary>Who may change the organisation's security settings (the passkey policy): its Administrators.</summary>
    public const string ManageSecuritySettings = nameof(ManageSecuritySettings);
    /// <summary>Who may see the live sign-in sessions of the organisation's members and end them.</summary>
    public const string ManageSessions = nameof(ManageSessions);

    /// <summary>Who receives, reads and acknowledges the organisation's security alerts.</summary>
    public const string AlertsRead = nameof(AlertsRead);

    /// <summary>Who may set the organisation's bulk-read thresholds.</summary>
    public const string TenantSecurityEdit = nameof(TenantSecurityEdit);
    /// <summary>Who may see the hospital's assessments and findings (every hospital role).</summary>
    public const string AssessmentRead = nameof(AssessmentRead);

    /// <summary>Who may launch assessments and campaigns, change due dates and cancel.</summary>
    public const string AssessmentLaunch = nameof(AssessmentLaunch);

    /// <summary>Who reviews submitted answers, raises findings, completes assessments and accepts risks.</summary>
    public const string AssessmentReview = nameof(AssessmentReview);

    /// <summary>Who sets the organisation's assessment settings (Medium-tier template, reassessment intervals).</summary>
    public const string AssessmentSettingsEdit = nameof(AssessmentSettingsEdit);

    /// <summary>Who answers assessments in the vendor portal (every vendor role; hospitals never use it).</summary>
    public const string PortalAnswer = nameof(PortalAnswer);
    /// <summary>Who may keep the vendor's evidence library (upload, describe, share) and read it: every vendor role.</summary>
    public const string VendorEvidence = nameof(VendorEvidence);

    /// <summary>Who may read the evidence vendors shared with the hospital and the expiry lists: every hospital role.</summary>
    public const string SharedEvidenceRead = nameof(SharedEvidenceRead);

    /// <summary>Evidence file downloads: any member; the evidence service then decides per file (owner, engagement or share).</summary>
    public const string EvidenceDownload = nameof(EvidenceDownload);
    /// <summary>
    /// Who may see the malware scanner's status and the organisation's files by scan status: its
    /// Administrator, the hospital's CISO (who owns the security of what vendors send), and a
    /// vendor's administrator (whose uploads are the ones scanned). Read-only; no setting is changed there.
    /// </summary>
    public const string ScannerStatusRead = nameof(ScannerStatusRead);

    /// <summary>Who may register and revoke the organisation's API clients.</summary>
    public const string ManageApiClients = nameof(ManageApiClients);

    /// <summary>Who may configure the organisation's own identity provider (external OpenID Connect sign-in).</summary>
    public const string ManageExternalSignIn = nameof(ManageExternalSignIn);

    /// <summary>The roles each policy admits; the authorization tests read this table too.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<OrganisationRole>> Roles { get; } =
        new Dictionary<string, IReadOnlyList<OrganisationRole>>
        {
            [Member] = [.. OrganisationRoles.Hospital, .. OrganisationRoles.Vendor],
            [HospitalMember] = OrganisationRoles.Hospital,
            [VendorMember] = OrganisationRoles.Vendor,
            [ViewMembers] = [OrganisationRole.Administrator, OrganisationRole.Ciso, OrganisationRole.Auditor, OrganisationRole.VendorAdmin],
            [ManageMembers] = [OrganisationRole.Administrator, OrganisationRole.VendorAdmin],
            [VendorRead] = OrganisationRoles.Hospital,
            [VendorWrite] = [OrganisationRole.Administrator, OrganisationRole.Procurement],
            [TierOverride] = [OrganisationRole.Ciso],
            [AccessRegisterWrite] = [OrganisationRole.Administrator, OrganisationRole.Procurement, OrganisationRole.Ciso],
            [ContractWrite] = [OrganisationRole.Administrator, OrganisationRole.Procurement, OrganisationRole.Dpo],
            [QuestionnaireRead] = OrganisationRoles.Hospital,
            [QuestionnaireEdit] = [OrganisationRole.Administrator, OrganisationRole.Ciso],
            [AuditRead] = [OrganisationRole.Administrator, OrganisationRole.Ciso, OrganisationRole.Auditor],
            [ManageSecuritySettings] = [OrganisationRole.Administrator],
            [ManageSessions] = [OrganisationRole.Administrator, OrganisationRole.VendorAdmin],
            [AlertsRead] = [OrganisationRole.Administrator, OrganisationRole.Ciso],
            [TenantSecurityEdit] = [OrganisationRole.Administrator, OrganisationRole.Ciso],
            [AssessmentRead] = OrganisationRoles.Hospital,
            [AssessmentLaunch] = [OrganisationRole.Administrator, OrganisationRole.Procurement],
            [AssessmentReview] = [OrganisationRole.Ciso],
            [AssessmentSettingsEdit] = [OrganisationRole.Administrator, OrganisationRole.Ciso],
            [PortalAnswer] = OrganisationRoles.Vendor,
            [VendorEvidence] = OrganisationRoles.Vendor,
            [SharedEvidenceRead] = OrganisationRoles.Hospital,
            [EvidenceDownload] = [.. OrganisationRoles.Hospital, .. OrganisationRoles.Vendor],
            [ScannerStatusRead] = [OrganisationRole.Administrator, OrganisationRole.Ciso, OrganisationRole.VendorAdmin],
            [ManageApiClients] = [OrganisationRole.Administrator],
            [ManageExternalSignIn] = [OrganisationRole.Administrator],
        };

    public static void AddVendorRiskPolicies(this AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, roles) in Roles)
        {
            options.AddPolicy(name, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new OrganisationRoleRequirement(roles)));
        }

        options.AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser());
    }
}

/// <summary>The user must act for an organisation and hold one of <see cref="Roles"/> there.</summary>
public sealed class OrganisationRoleRequirement(IReadOnlyList<OrganisationRole> roles) : IAuthorizationRequirement
{
    public IReadOnlyList<OrganisationRole> Roles { get; } = roles;
}

/// <summary>The same role check for code that is not an endpoint: a feature service re-checks the policy of every use case it runs.</summary>
public static class PolicyCheck
{
    public static bool Allows(this ClaimsPrincipal user, string policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.GetOrganisationId() is not null
            && user.GetOrganisationRole() is { } role
            && user.GetOrganisationKind() == OrganisationRoles.SideOf(role)
            && Roles[policy].Contains(role);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<OrganisationRole>> Roles => Policies.Roles;
}

public sealed class OrganisationRoleHandler : AuthorizationHandler<OrganisationRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganisationRoleRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        // The role must fit the organisation's side, be admitted by the policy, and — for every
        // role that requires it — the session must have passed MFA. Sign-in never lets such a
        // user in without MFA; this is the second lock on the same door. When the organisation
        // requires passkeys, Administrators and CISOs need a passkey session (amr=pop) too.
        if (context.User.GetOrganisationId() is not null
            && context.User.GetOrganisationRole() is { } role
            && context.User.GetOrganisationKind() == OrganisationRoles.SideOf(role)
            && requirement.Roles.Contains(role)
            && (!OrganisationRoles.RequiresMfa(role) || context.User.HasMfa())
            && !(OrganisationRoles.CoveredByPasskeyPolicy(role) && context.User.LacksRequiredPasskey()))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
