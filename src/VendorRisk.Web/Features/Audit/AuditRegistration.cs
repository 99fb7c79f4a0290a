using Microsoft.Extensions.Options;
using VendorRisk.Infrastructure.Audit;

namespace VendorRisk.Web.Features.Audit;

internal static class AuditRegistration
{
    /// <summary>The audit actor, explicit events, the page's service and the head export (file from <c>Audit:HeadExportPath</c>).</summary>
    public static WebApplicationBuilder AddVendorRiskAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuditOptions>()
            .Bind(builder.Configuration.GetSection(AuditOptions.SectionName))
            .PostConfigure(options => options.HeadExportPath = HeadExportPath(builder.Configuration, builder.Environment.ContentRootPath, options.HeadExportPath))
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
    internal static string HeadExportPath(IConfiguration configuration, string contentRoot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, configured));
        }

        var dataDirectory = Path.GetFullPath(Path.Combine(contentRoot, configuration["Database:DataDirectory"] ?? "data"));
        return Path.Combine(dataDirectory, "audit-heads.log");
    }
}
