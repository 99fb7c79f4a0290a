using System.Threading.RateLimiting;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Security;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Startup;

/// <summary>
/// Per-address limits on the sign-in forms (password, MFA code, recovery code, enrolment,
/// invitation): password spraying from one address is slowed whatever the accounts tried, on top
/// of the per-account lockout.
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddVendorRiskRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Security:SignInAttemptsPerMinutePerAddress", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignIn, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("reads"));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                await http.RequestServices.GetRequiredService<SecurityEventRecorder>()
                    .RecordAsync(SecurityEventKind.RateLimited, detail: http.Request.Path, cancellationToken: cancellationToken);
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["Login_RateLimited"];
                http.Response.Headers.RetryAfter = "60";
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(text, cancellationToken);
            };
        });
        return services;
    }
}
