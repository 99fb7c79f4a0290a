using MudBlazor;
using VendorRisk.Domain.Organisations;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Components.Layout;

/// <summary>One entry of the side navigation, shown to the roles its page's policy admits.</summary>
internal sealed record NavigationItem(string Href, string TitleKey, string Icon, string Policy, string? GroupKey = null);

/// <summary>
/// The side navigation. Visibility derives from the same policy table as the pages' own
/// authorization, so the menu never offers a page the role cannot open.
/// </summary>
internal static class NavigationCatalogue
{
    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("/", "Nav_Home", Icons.Material.Filled.Home, Policies.Member),
        new("/vendors", "Nav_Vendors", Icons.Material.Filled.Business, Policies.VendorRead),
        new("/questionnaires", "Nav_Questionnaires", Icons.Material.Filled.Quiz, Policies.QuestionnaireRead),
        new("/assessments", "Nav_Assessments", Icons.Material.Filled.Assignment, Policies.AssessmentRead),
        new("/findings", "Nav_Findings", Icons.Material.Filled.ReportProblem, Policies.AssessmentRead),
        new("/portal", "Nav_Portal", Icons.Material.Filled.Assignment, Policies.PortalAnswer),
        new("/evidence", "Nav_Evidence", Icons.Material.Filled.FolderShared, Policies.VendorEvidence),
        new("/evidence/shared", "Nav_SharedEvidence", Icons.Material.Filled.FolderShared, Policies.SharedEvidenceRead),
        new("/organisation/members", "Nav_Members", Icons.Material.Filled.People, Policies.ViewMembers, "Nav_Organisation"),
        new("/audit", "Nav_AuditLog", Icons.Material.Filled.FactCheck, Policies.AuditRead, "Nav_Organisation"),
        new("/organisation/security", "Nav_OrganisationSecurity", Icons.Material.Filled.Security, Policies.ManageSecuritySettings, "Nav_Organisation"),
        new("/organisation/sessions", "Nav_Sessions", Icons.Material.Filled.Devices, Policies.ManageSessions, "Nav_Organisation"),
        new("/alerts", "Nav_Alerts", Icons.Material.Filled.NotificationImportant, Policies.AlertsRead, "Nav_Organisation"),
        new("/organisation/export-safeguards", "Nav_TenantSecurity", Icons.Material.Filled.Shield, Policies.TenantSecurityEdit, "Nav_Organisation"),
        new("/organisation/malware-scanner", "Nav_MalwareScanner", Icons.Material.Filled.BugReport, Policies.ScannerStatusRead, "Nav_Organisation"),
        new("/organisation/assessment-settings", "Nav_AssessmentSettings", Icons.Material.Filled.Tune, Policies.AssessmentSettingsEdit, "Nav_Organisation"),
        new("/organisation/api-clients", "Nav_ApiClients", Icons.Material.Filled.Key, Policies.ManageApiClients, "Nav_Organisation"),
        new("/organisation/sign-in", "Nav_ExternalSignIn", Icons.Material.Filled.Login, Policies.ManageExternalSignIn, "Nav_Organisation"),
    ];

    public static IReadOnlyList<NavigationItem> For(OrganisationRole? role) =>
        role is { } r ? All.Where(i => Policies.Roles[i.Policy].Contains(r)).ToList() : [];
}
