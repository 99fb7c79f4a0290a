using System.Diagnostics;

namespace VendorRisk.Web.Startup;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-ID</c> when it is well formed
/// (1–64 letters, digits, <c>.</c>, <c>_</c> or <c>-</c>), otherwise a new one. The id is echoed in the
/// response, used as the request's trace identifier, put in a logging scope (so every log line of
/// the request carries <c>CorrelationId</c>) and recorded in audit events.
/// </summary>
internal static class Correlation
{
    public const string HeaderName = "X-Correlation-ID";
    public const string ScopeKey = "CorrelationId";
    public const int MaxLength = 64;
    private static readonly object ItemKey = new();

    /// <summary>The correlation id of <paramref name="context"/>, or null outside the middleware.</summary>
    public static string? IdOf(HttpContext? context) =>
        context?.Items.TryGetValue(ItemKey, out var id) == true ? id as string : null;

    public static bool IsWellFormed(string? candidate) =>
        !string.IsNullOrEmpty(candidate)
        && candidate.Length <= MaxLength
        && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>A new id: the W3C trace id of the request when there is one (so traces and logs meet), else a random one.</summary>
    public static string NewId() =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToString() : Guid.NewGuid().ToString("N");

    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[HeaderName].ToString();
            var id = IsWellFormed(incoming) ? incoming : NewId();
            context.Items[ItemKey] = id;
            context.TraceIdentifier = id;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = id;
                return Task.CompletedTask;
            });
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("VendorRisk.Request");
            using (logger.BeginScope(new Dictionary<string, object> { [ScopeKey] = id }))
            {
                await next(context);
            }
        });
}
