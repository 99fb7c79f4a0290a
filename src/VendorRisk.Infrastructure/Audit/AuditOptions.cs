namespace VendorRisk.Infrastructure.Audit;

/// <summary>The <c>Audit</c> settings.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>File the chain heads are appended to; empty means <c>{Database:DataDirectory}/audit-heads.log</c>.</summary>
    public string? HeadExportPath { get; set; }

    /// <summary>How often the heads are exported (only chains that grew since the last export are written).</summary>
    public TimeSpan HeadExportInterval { get; set; } = TimeSpan.FromMinutes(5);
}
