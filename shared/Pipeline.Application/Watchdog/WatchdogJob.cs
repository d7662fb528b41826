using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Queues;
using Pipeline.Storage.Runs;

namespace Pipeline.Application.Watchdog;

/// <summary>
/// The hourly health check: a source with no successful run for longer than allowed, messages in a poison queue,
/// and alert emails whose queue message was lost (re-enqueued; the sender's dedup keeps them single).
/// </summary>
public sealed class WatchdogJob(
    RunStore runs,
    QueueHealth queues,
    AlertStore alertStore,
    AlertService alerts,
    NotificationQueue notifications,
    IOptions<WatchdogOptions> options,
    IOptions<FocusExportOptions> focus,
    IEnumerable<IProviderIngestion> providers,
    TimeProvider time)
{
    /// <summary>Without a setting: a daily cost timer may miss one day, an hourly capacity timer a few hours.</summary>
    public static readonly TimeSpan DefaultCostStaleness = TimeSpan.FromHours(48);

    public static readonly TimeSpan DefaultCapacityStaleness = TimeSpan.FromHours(6);

    public const string StaleRule = "source-stale";
    public const string PoisonRule = "poison-queue";

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var limits = new Dictionary<string, double>(options.Value.MaxStalenessHours, StringComparer.OrdinalIgnoreCase);
        if (focus.Value.Sources.Count > 0)
        {
            limits.TryAdd(FocusExportIngestion.SourceName, 48);
        }

        // Every provider that is meant to run is watched, including one whose settings are invalid: its failed runs
        // are recorded but nothing else would tell the team that it has stopped.
        foreach (var provider in providers.Where(p => p.Enabled))
        {
            if (provider.CostsConfigured)
            {
                limits.TryAdd(provider.Identity.CostSource, DefaultCostStaleness.TotalHours);
            }

            limits.TryAdd(provider.Identity.CapacitySource, DefaultCapacityStaleness.TotalHours);
        }

        var stale = new List<AlertCondition>();
        foreach (var (source, hours) in limits)
        {
            var last = await runs.GetLatestSuccessAsync(source, cancellationToken).ConfigureAwait(false);
            if (last is null || now - last.FinishedAt > TimeSpan.FromHours(hours))
            {
                var since = last is null ? "never" : last.FinishedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
                stale.Add(new AlertCondition
                {
                    Rule = StaleRule,
                    SubjectKey = source,
                    Severity = AlertSeverity.Warning,
                    Title = $"[STALE DATA] {source}: no successful run for over {hours:0} hours",
                    Summary = $"The last successful run of {source} was {since}. Costs and alerts for it are out of date; see ./run.sh status for the failed runs and their errors.",
                    Fingerprint = since,
                });
            }
        }

        var enqueued = await alerts.ApplyAsync(StaleRule, limits.Keys.ToList(), stale, cancellationToken).ConfigureAwait(false);

        var poisoned = new List<AlertCondition>();
        foreach (var queue in QueueHealth.Watched)
        {
            var depth = await queues.PoisonDepthAsync(queue, cancellationToken).ConfigureAwait(false);
            if (depth > 0)
            {
                poisoned.Add(new AlertCondition
                {
                    Rule = PoisonRule,
                    SubjectKey = queue,
                    Severity = AlertSeverity.Critical,
                    Title = $"[PIPELINE] {depth} message(s) in {queue}-poison",
                    Summary = $"{depth} message(s) of the {queue} queue failed every retry and were moved to {queue}-poison. Inspect them, fix the cause, and move them back to {queue}.",
                    Fingerprint = depth.ToString(CultureInfo.InvariantCulture),
                });
            }
        }

        enqueued += await alerts.ApplyAsync(PoisonRule, QueueHealth.Watched, poisoned, cancellationToken).ConfigureAwait(false);
        return enqueued + await ResendLostAsync(now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ResendLostAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resent = 0;
        await foreach (var alert in alertStore.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (alert.HasUnsentTransition && alert.PendingSince < now - AlertPolicy.ResendAfter)
            {
                await notifications.SendAsync(new NotificationRequest(alert.Rule, alert.SubjectKey, alert.PendingTransitionId!), cancellationToken).ConfigureAwait(false);
                resent++;
            }
        }

        return resent;
    }
}
