using Amazon.S3;
using Microsoft.Extensions.Options;
using VendorRisk.Infrastructure.Evidence;
using VendorRisk.Infrastructure.Persistence;

namespace VendorRisk.Web.Features.Evidence;

internal static class EvidenceRegistration
{
    /// <summary>The vault: options (section <c>Evidence</c>), storage chosen by <c>Evidence:Storage</c>, the scanner when clamd is configured, the service and the background service.</summary>
    public static WebApplicationBuilder AddVendorRiskEvidence(this WebApplicationBuilder builder, ResolvedDatabase database)
    {
        var services = builder.Services;
        var dataDirectory = database.DataDirectory!;
        services.AddOptions<EvidenceOptions>()
            .Bind(builder.Configuration.GetSection(EvidenceOptions.SectionName))
            .Validate(o => o.MaxFileBytes > 0 && o.TenantQuotaBytes > 0, "Evidence:MaxFileBytes and Evidence:TenantQuotaBytes must be positive.")
            .Validate(o => o.Storage is "Local" or "S3", "Evidence:Storage is Local or S3.")
            .Validate(o => o.Storage != "S3" || !string.IsNullOrWhiteSpace(o.S3.BucketName), "Evidence:S3:BucketName is required with S3 storage.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EvidenceOptions>>().Value);
        services.AddSingleton<IEvidenceStorage>(sp =>
        {
            var options = sp.GetRequiredService<EvidenceOptions>();
            if (options.Storage == "S3")
            {
                return new S3EvidenceStorage(new AmazonS3Client(S3EvidenceStorage.CreateConfig(options.S3)), options.S3, Path.Combine(dataDirectory, options.IncomingPath));
            }

            return new LocalEvidenceStorage(Path.Combine(dataDirectory, options.LocalPath));
        });
        services.AddSingleton<IMalwareScanner>(sp =>
        {
            var options = sp.GetRequiredService<EvidenceOptions>();
            return options.ClamAv.IsConfigured ? new ClamAvScanner(options.ClamAv) : new NoMalwareScanner();
        });
        services.AddSingleton<EvidenceKeyRing>();
        services.AddSingleton(sp => new EvidenceVault(
            sp.GetRequiredService<IEvidenceStorage>(),
            sp.GetRequiredService<EvidenceKeyRing>(),
            sp.GetRequiredService<IMalwareScanner>(),
            sp.GetRequiredService<EvidenceOptions>(),
            Path.Combine(dataDirectory, sp.GetRequiredService<EvidenceOptions>().IncomingPath),
            sp.GetRequiredService<ILogger<EvidenceVault>>()));
        services.AddScoped<EvidenceService>();
        services.AddScoped<IEvidenceSharing>(sp => sp.GetRequiredService<EvidenceService>());
        services.AddScoped<EvidenceMaintenance>();
        services.AddScoped<ScannerStatusService>();
        services.AddHostedService<EvidenceBackgroundService>();
        return builder;
    }
}
