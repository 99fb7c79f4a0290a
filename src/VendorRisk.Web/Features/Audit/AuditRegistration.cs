using Microsoft.Extensions.Options;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Audit;

internal static class AuditRegistration
{
    /// <summary>The audit actor, explicit events, the page's service and the head export (file from <c>Audit:HeadExportPath</c>).</summary>
    public static WebApplicationBuilder AddVendorRiskAudit(this WebApplicationBuilder builder, ResolvedDatabase database)
    {
        var services = builder.Services;
        services.AddOptions<AuditOptions>()
            .Bind(builder.Configuration.GetSection(AuditOptions.SectionName))
            .PostConfigure(options => options.HeadExportPath = HeadExportPath(database.DataDirectory!, builder.Environment.ContentRootPath, options.HeadExportPath))
            .Validate(options => options.HeadExportInterval > TimeSpan.Zero, "Audit:HeadExportInterval must be positive.");
        services.AddSingleton(sp => new AuditHeadFile(sp.GetRequiredService<IOptions<AuditOptions>>().Value.HeadExportPath!));
        services.AddScoped<IAuditActorAccessor, WebAuditActorAccessor>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditLogService>();
        services.AddSingleton<AuditHeadExporter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditHeadExporter>());
        return builder;
    }

    /// <summary>The configured path, relative to the content root, or <c>{Database:DataDirectory}/audit-heads.log</c>.</summary>
    internal static string HeadExportPath(string dataDirectory, string contentRoot, string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(dataDirectory, "audit-heads.log")
            : Path.GetFullPath(Path.Combine(contentRoot, configured));
}
