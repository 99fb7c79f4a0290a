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

    /// <summary>Who may read the questionnaire library (every hospital role; vendors never see it).</summary>
    public const string QuestionnaireRead = nameof(QuestionnaireRead);

    /// <summary>Who may create, edit, publish, retire and import questionnaire templates.</summary>
    public const string QuestionnaireEdit = nameof(QuestionnaireEdit);

    /// <summary>The roles each policy admits; the authorization tests read this table too.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<OrganisationRole>> Roles { get; } =
        new Dictionary<string, IReadOnlyList<OrganisationRole>>
        {
            [Member] = [.. OrganisationRoles.Hospital, .. OrganisationRoles.Vendor],
            [HospitalMember] = OrganisationRoles.Hospital,
            [VendorMember] = OrganisationRoles.Vendor,
            [ViewMembers] = [OrganisationRole.Administrator, OrganisationRole.Ciso, OrganisationRole.Auditor, OrganisationRole.VendorAdmin],
            [QuestionnaireRead] = OrganisationRoles.Hospital,
            [QuestionnaireEdit] = [OrganisationRole.Administrator, OrganisationRole.Ciso],
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
    }
}

/// <summary>The user must act for an organisation and hold one of <see cref="Roles"/> there.</summary>
public sealed class OrganisationRoleRequirement(IReadOnlyList<OrganisationRole> roles) : IAuthorizationRequirement
{
    public IReadOnlyList<OrganisationRole> Roles { get; } = roles;
}

public sealed class OrganisationRoleHandler : AuthorizationHandler<OrganisationRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganisationRoleRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.GetOrganisationId() is not null
            && context.User.GetOrganisationRole() is { } role
            && context.User.GetOrganisationKind() == OrganisationRoles.SideOf(role)
            && requirement.Roles.Contains(role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
