using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Web.Auth;

namespace VendorRisk.Web.Features.Audit;

/// <summary>
/// Explicit audit events that are not record changes: exports, downloads, settings changed, API
/// clients used. Record changes are captured by the save interceptor; sign-in and account events
/// by <see cref="SecurityEventRecorder"/>.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an event by the current actor to the chain of the organisation they act for (the platform chain when none).</summary>
    Task RecordAsync(
        string action,
        string? targetType = null,
        string? targetId = null,
        IReadOnlyList<AuditFieldChange>? changes = null,
        CancellationToken cancellationToken = default);
}

public sealed class AuditLog(AuditChainWriter writer, IAuditActorAccessor actors, CurrentUser user, TimeProvider clock) : IAuditLog
{
    public Task RecordAsync(
        string action,
        string? targetType = null,
        string? targetId = null,
        IReadOnlyList<AuditFieldChange>? changes = null,
        CancellationToken cancellationToken = default)
    {
        var actor = actors.Current;
        var record = new AuditRecord(clock.GetUtcNow(), actor.UserId, actor.Name, action, targetType, targetId, changes, actor.IpAddress, actor.UserAgent, actor.CorrelationId);
        return writer.AppendAsync(user.Principal.GetOrganisationId() ?? AuditChain.PlatformChain, record, cancellationToken);
    }
}
