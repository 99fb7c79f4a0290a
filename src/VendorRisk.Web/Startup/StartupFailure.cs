namespace VendorRisk.Web.Startup;

/// <summary>Reports a setting that prevents the app from starting: one clear line, then a non-zero exit.</summary>
internal static partial class StartupFailure
{
    public static void Report(string message)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("VendorRisk.Startup");
        LogFailure(logger, message);
    }

    public static void Report(ILogger logger, string message) => LogFailure(logger, message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "VendorRisk cannot start: {Reason}")]
    private static partial void LogFailure(ILogger logger, string reason);
}
