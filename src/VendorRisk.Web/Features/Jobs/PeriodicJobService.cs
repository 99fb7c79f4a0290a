namespace VendorRisk.Web.Features.Jobs;

/// <summary>
/// The host of a periodic background job: runs <typeparamref name="TJob"/> at start and then every
/// <see cref="Period"/> on the app's <see cref="TimeProvider"/> (a fake clock in tests), each run
/// in its own DI scope (its own DbContext), and logs a failed run instead of stopping: the next
/// tick tries again. A job whose state is in the database loses nothing across restarts.
/// </summary>
/// <remarks>
/// Any failure of a run is logged (a database, mail server or scanner that is down must not stop
/// the host, whose default is to stop when a background service throws); only the cancellation of
/// the app's shutdown ends the loop. Used by the assessment reminders, the alert mailer and the
/// evidence maintenance.
/// </remarks>
public abstract partial class PeriodicJobService<TJob>(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
    where TJob : notnull
{
    protected abstract TimeSpan Period { get; }

    /// <summary>Read once at start; false leaves the job off for the app's lifetime.</summary>
    protected virtual bool Enabled => true;

    protected abstract Task RunAsync(TJob job, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider.GetRequiredService<TJob>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(logger, typeof(TJob).Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic job {Job} failed; the next run retries.")]
    private static partial void LogRunFailed(ILogger logger, string job, Exception exception);
}
