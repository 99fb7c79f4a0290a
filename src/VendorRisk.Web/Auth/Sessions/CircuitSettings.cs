namespace VendorRisk.Web.Auth.Sessions;

/// <summary>
/// The <c>Security:Circuits</c> settings: how much a live Blazor circuit may cost the server. The
/// defaults are chosen in docs/security.md (<em>Blazor circuits</em>); change them there too.
/// </summary>
public sealed class CircuitSettings
{
    public const string SectionName = "Security:Circuits";

    /// <summary>Largest message a browser may send on the circuit (SignalR). 64 KB: enough for a long text answer, small enough that a hostile client cannot make the server buffer megabytes.</summary>
    public long MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Circuits kept in memory after their browser disconnected, server-wide, so a user on a flaky network resumes where they were.</summary>
    public int DisconnectedMaxRetained { get; set; } = 100;

    /// <summary>How long a disconnected circuit is kept. Shorter than the framework's three minutes: a forgotten tab releases its memory and its session sooner.</summary>
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the server waits for the browser to answer a JavaScript call before giving up.</summary>
    public TimeSpan JsInteropTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Live circuits (browser tabs) one user may hold at once; the next one is refused with a message. Caps what a stolen session can spend.</summary>
    public int MaxCircuitsPerUser { get; set; } = 5;
}
