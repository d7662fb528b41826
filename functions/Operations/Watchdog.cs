using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Options;
using Pipeline.Application.Watchdog;

namespace Pipeline.Functions.Operations;

/// <summary>Hourly: stale sources, poison queues and lost notifications become alerts (see <see cref="WatchdogJob"/>).</summary>
public sealed partial class Watchdog(WatchdogJob job, ILogger<Watchdog> logger)
{
    [Function(nameof(Watchdog))]
    public async Task RunAsync([TimerTrigger("%" + ScheduleSettings.Watchdog + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var enqueued = await job.RunAsync(cancellationToken);
        LogChecked(enqueued);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watchdog checked sources and queues; {Notifications} notification(s) enqueued")]
    private partial void LogChecked(int notifications);
}
