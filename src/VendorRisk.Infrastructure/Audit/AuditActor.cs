namespace VendorRisk.Infrastructure.Audit;

/// <summary>Who is acting and from where, as the audit log records it.</summary>
public sealed record AuditActor(string? UserId, string? Name, string? IpAddress, string? UserAgent, string? CorrelationId)
{
    /// <summary>The platform itself: demo data, migrations, background jobs.</summary>
    public static AuditActor Platform { get; } = new(null, "VendorRisk", null, null, null);
}

/// <summary>The current actor; the web host reads it from the signed-in user and the request or circuit.</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

/// <summary>For contexts built outside the web host (the verify command, design time): the platform acts.</summary>
public sealed class PlatformAuditActorAccessor : IAuditActorAccessor
{
    public AuditActor Current => AuditActor.Platform;
}
