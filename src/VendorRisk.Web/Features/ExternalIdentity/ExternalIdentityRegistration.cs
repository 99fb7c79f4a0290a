using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VendorRisk.Web.Features.ExternalIdentity;

internal static class ExternalIdentityRegistration
{
    public static IServiceCollection AddVendorRiskExternalIdentity(this IServiceCollection services)
    {
        services.TryAddSingleton(new ExternalIdentityBackchannel());
        services.AddSingleton<ExternalSchemes>();
        services.AddScoped<ExternalIdentityService>();
        return services;
    }
}
