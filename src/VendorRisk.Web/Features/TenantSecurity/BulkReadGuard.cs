using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Alerts;
using VendorRisk.Domain.Audit;
using VendorRisk.Infrastructure.Alerts;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Features.Audit;

namespace VendorRisk.Web.Features.TenantSecurity;

public enum BulkReadDecision
{
    /// <summary>Counted; the records may be returned.</summary>
    Allowed,

    /// <summary>Above the tenant's first threshold: the caller must demand step-up re-authentication before returning anything.</summary>
    RequiresStepUp,

    /// <summary>Above the second threshold: refused; an alert was raised for the tenant's CISOs and Administrators.</summary>
    Refused,
}

/// <summary>What <see cref="BulkReadGuard.CountAsync(int, string, bool, CancellationToken)"/> decided, with the figures for the message.</summary>
public sealed record BulkReadResult(BulkReadDecision Decision, long RecordsThisHour, int StepUpThreshold, int RefusalThreshold, int Requested = 0)
{
    public bool Allowed => Decision == BulkReadDecision.Allowed;

    public bool RequiresStepUp => Decision == BulkReadDecision.RequiresStepUp;

    public bool Refused => Decision == BulkReadDecision.Refused;

    /// <summary>The user's message when not allowed: step-up required, or refused.</summary>
    public string Message(IStringLocalizer<SharedResource> localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return Refused
            ? localizer["BulkRead_Refused", RecordsThisHour + Requested, RefusalThreshold]
            : localizer["BulkRead_StepUpRequired", RecordsThisHour + Requested, StepUpThreshold];
    }

    /// <summary>
    /// For HTTP endpoints: 403 with the message as plain text (429 would invite a blind retry). When
    /// a step-up would lift the limit, the response also carries <see cref="BulkReadGuard.StepUpHeader"/>:
    /// <c>required</c>, which a page reads to open the step-up dialog (an endpoint cannot open it).
    /// </summary>
    public IResult Refusal(IStringLocalizer<SharedResource> localizer) => new RefusalResult(Message(localizer), RequiresStepUp);

    private sealed class RefusalResult(string message, bool stepUp) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (stepUp)
            {
                httpContext.Response.Headers[BulkReadGuard.StepUpHeader] = "required";
            }

            return Results.Text(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>
/// Counts the records each user reads in bulk per tenant and UTC hour, and applies the tenant's
/// thresholds (<see cref="TenantSecuritySettings"/>). Every read path that returns many records
/// (list pages, exports, API pages, document downloads) calls <see cref="CountAsync(int, string, bool, CancellationToken)"/> with the
/// number of records it is about to return, and returns them only when the result is
/// <see cref="BulkReadDecision.Allowed"/>.
/// </summary>
/// <remarks>
/// The count is incremented in SQL first and compared afterwards, so concurrent reads cannot both
/// slip under a threshold; a read that is not allowed is taken off the count again (nothing was
/// returned). Step-up: a fresh proof of the current session (<see cref="StepUpVerifier"/>) lifts
/// the first threshold, never the second. This class is the one place that decides: interactive
/// callers pass <c>StepUpService.EnsureAsync</c> as <c>askStepUp</c> (the dialog opens only when the
/// guard says so, and the guard counts again afterwards); endpoints pass nothing and answer
/// <see cref="BulkReadResult.Refusal"/> (403 with <see cref="StepUpHeader"/>). A page that links to
/// an endpoint calls <see cref="CheckAsync"/> first, so the dialog opens on the page, then downloads.
/// </remarks>
public sealed class BulkReadGuard(
    PlatformDbContextFactory contexts,
    CurrentUser currentUser,
    AlertRaiser alerts,
    IAuditLog audit,
    StepUpVerifier stepUp,
    TimeProvider clock)
{
    /// <summary>Below this many records an hour nothing is compared with the baseline (noise).</summary>
    public const int BaselineMinimumRecords = 100;

    /// <summary>Hours with reads in the last 30 days needed before a baseline means anything.</summary>
    public const int BaselineMinimumHours = 3;

    /// <summary>Response header of an endpoint refused until the session passes a step-up.</summary>
    public const string StepUpHeader = "VendorRisk-Step-Up";

    /// <summary>
    /// Counts like <see cref="CountAsync(int, string, bool, CancellationToken)"/>; when the result is
    /// <see cref="BulkReadDecision.RequiresStepUp"/>, calls <paramref name="askStepUp"/> (the page's
    /// step-up dialog) and, when it returns true, counts again: a fresh proof lifts the first threshold.
    /// </summary>
    public async Task<BulkReadResult> CountAsync(int records, string source, Func<Task<bool>> askStepUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(askStepUp);
        var result = await CountAsync(records, source, cancellationToken: cancellationToken);
        return result.RequiresStepUp && await askStepUp()
            ? await CountAsync(records, source, cancellationToken: cancellationToken)
            : result;
    }

    /// <summary>
    /// Before a page sends the browser to an export endpoint: whether reading <paramref name="records"/>
    /// more now would be allowed, without counting them (the endpoint counts). When a step-up is needed,
    /// <paramref name="askStepUp"/> is called and the check made again. A check above the second
    /// threshold is refused, audited and alerted exactly like the read itself.
    /// </summary>
    public async Task<BulkReadResult> CheckAsync(int records, string source, Func<Task<bool>>? askStepUp, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        var result = await DecideWithoutCountingAsync(records, source, cancellationToken);
        if (result.RequiresStepUp && askStepUp is not null && await askStepUp())
        {
            result = await DecideWithoutCountingAsync(records, source, cancellationToken);
        }

        return result;
    }

    private async Task<BulkReadResult> DecideWithoutCountingAsync(int records, string source, CancellationToken cancellationToken)
    {
        var (principal, userId, tenantId, hour) = Reader();
        await using var db = contexts.CreateForTenant(tenantId);
        var settings = await SettingsAsync(db, cancellationToken);
        var current = await CurrentAsync(db, userId, hour, cancellationToken);
        var total = current + records;
        var decision = records == 0 ? BulkReadDecision.Allowed
            : total > settings.RefusalThreshold ? BulkReadDecision.Refused
            : total > settings.StepUpThreshold && !await stepUp.IsFreshAsync(principal, cancellationToken) ? BulkReadDecision.RequiresStepUp
            : BulkReadDecision.Allowed;
        if (decision == BulkReadDecision.Refused)
        {
            await RecordRefusalAsync(tenantId, userId, principal.GetDisplayName(), source, records, current, settings, cancellationToken);
        }

        return new BulkReadResult(decision, current, settings.StepUpThreshold, settings.RefusalThreshold, decision == BulkReadDecision.Allowed ? 0 : records);
    }

    private async Task RecordRefusalAsync(Guid tenantId, string userId, string name, string source, int records, long total, TenantSecuritySettings settings, CancellationToken cancellationToken)
    {
        await audit.RecordAsync("BulkRead.Refused", "User", userId, Figures(source, records, total), cancellationToken);
        await alerts.RaiseAsync(
            tenantId,
            SecurityAlertKind.ExportRefused,
            userId,
            name,
            $"{source}: {total}+{records} > {settings.RefusalThreshold}",
            cancellationToken: cancellationToken);
    }

    /// <summary>Who reads (signed in, in an organisation) and the counter's hour.</summary>
    private (ClaimsPrincipal Principal, string UserId, Guid TenantId, DateTimeOffset Hour) Reader()
    {
        var principal = currentUser.Principal;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException();
        var tenantId = principal.GetOrganisationId() ?? throw new UnauthorizedAccessException();
        return (principal, userId, tenantId, ExportCounter.HourOf(clock.GetUtcNow()));
    }

    /// <summary>The organisation's thresholds, or the defaults when it never changed them.</summary>
    private static async Task<TenantSecuritySettings> SettingsAsync(VendorRiskDbContext db, CancellationToken cancellationToken) =>
        await db.TenantSecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new TenantSecuritySettings();

    private static List<AuditFieldChange> Figures(string source, int records, long total) =>
    [
        new("Source", null, source),
        new("Records", null, records.ToString(CultureInfo.InvariantCulture)),
        new("RecordsThisHour", null, total.ToString(CultureInfo.InvariantCulture)),
    ];

    public async Task<BulkReadResult> CountAsync(int records, string source, bool stepUpSatisfied = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        var (principal, userId, tenantId, hour) = Reader();

        await using var db = contexts.CreateForTenant(tenantId);
        var settings = await SettingsAsync(db, cancellationToken);
        if (records == 0)
        {
            return new BulkReadResult(BulkReadDecision.Allowed, await CurrentAsync(db, userId, hour, cancellationToken), settings.StepUpThreshold, settings.RefusalThreshold);
        }

        // A fresh step-up proof of this session (ADR 0008) lifts the first threshold.
        stepUpSatisfied = stepUpSatisfied || await stepUp.IsFreshAsync(principal, cancellationToken);
        var total = await IncrementAsync(db, userId, hour, records, cancellationToken);
        var decision = total > settings.RefusalThreshold ? BulkReadDecision.Refused
            : total > settings.StepUpThreshold && !stepUpSatisfied ? BulkReadDecision.RequiresStepUp
            : BulkReadDecision.Allowed;
        if (decision != BulkReadDecision.Allowed)
        {
            await IncrementAsync(db, userId, hour, -records, cancellationToken);
            total -= records;
        }

        var name = principal.GetDisplayName();
        switch (decision)
        {
            case BulkReadDecision.Refused:
                await RecordRefusalAsync(tenantId, userId, name, source, records, total, settings, cancellationToken);
                break;
            case BulkReadDecision.RequiresStepUp:
                await audit.RecordAsync("BulkRead.StepUpRequired", "User", userId, Figures(source, records, total), cancellationToken);
                break;
            default:
                await CompareWithBaselineAsync(db, tenantId, userId, name, hour, total, settings.BaselineMultiplier, cancellationToken);
                break;
        }

        return new BulkReadResult(decision, total, settings.StepUpThreshold, settings.RefusalThreshold, decision == BulkReadDecision.Allowed ? 0 : records);
    }

    private async Task CompareWithBaselineAsync(VendorRiskDbContext db, Guid tenantId, string userId, string name, DateTimeOffset hour, long total, int multiplier, CancellationToken cancellationToken)
    {
        if (total < BaselineMinimumRecords)
        {
            return;
        }

        var since = hour.AddDays(-30);
        var history = await db.ExportCounters
            .Where(c => c.UserId == userId && c.HourStartUtc >= since && c.HourStartUtc < hour && c.Records > 0)
            .Select(c => c.Records)
            .ToListAsync(cancellationToken);
        if (history.Count < BaselineMinimumHours)
        {
            return;
        }

        var baseline = history.Average();
        if (total >= baseline * multiplier)
        {
            await alerts.RaiseAsync(
                tenantId,
                SecurityAlertKind.ExportAboveBaseline,
                userId,
                name,
                string.Create(CultureInfo.InvariantCulture, $"{total} records this hour; 30-day hourly baseline {baseline:0.#} ({history.Count} active hours)"),
                cancellationToken: cancellationToken);
        }
    }

    private static Task<long> CurrentAsync(VendorRiskDbContext db, string userId, DateTimeOffset hour, CancellationToken cancellationToken) =>
        db.ExportCounters.Where(c => c.UserId == userId && c.HourStartUtc == hour).Select(c => c.Records).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Adds <paramref name="delta"/> to the hour's counter in SQL (creating it if needed) and returns the new total.</summary>
    private static async Task<long> IncrementAsync(VendorRiskDbContext db, string userId, DateTimeOffset hour, long delta, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.ExportCounters
                .Where(c => c.UserId == userId && c.HourStartUtc == hour)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Records, c => c.Records + delta), cancellationToken);
            if (updated == 0)
            {
                db.ExportCounters.Add(new ExportCounter(userId, hour, delta));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    // Another read created the hour's counter first: add to it instead.
                    db.ChangeTracker.Clear();
                    continue;
                }
            }

            return await CurrentAsync(db, userId, hour, cancellationToken);
        }
    }
}
