using Pipeline.Application.Options;
using Pipeline.Storage.Capacity;
using Pipeline.Storage.Commitments;

namespace Pipeline.Application.Capacity;

/// <summary>
/// The <c>EvaluateCapacity</c> pass: headroom, delivery of capacity commitments, and the capacity alert rules registered
/// for the pass over the latest snapshot (idleness over the daily history). Every rule resolves the alerts whose subject
/// no longer qualifies, including reservations that disappeared.
/// </summary>
public sealed class CapacityEvaluationJob(
    CapacityStore capacity,
    CommitmentStore commitments,
    AlertService alerts,
    IEnumerable<IAlertRule<CapacityPass>> rules,
    IOptions<CapacityOptions> options,
    TimeProvider time)
{
    public async Task<CapacityReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var latest = new List<CapacityRecord>();
        await foreach (var record in capacity.ListLatestAsync(cancellationToken).ConfigureAwait(false))
        {
            latest.Add(record);
        }

        var usage = new List<Commitment>();
        await foreach (var commitment in commitments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (commitment.Category == CommitmentCategory.Usage)
            {
                usage.Add(commitment);
            }
        }

        var history = new List<CapacityRecord>();
        foreach (var provider in latest.Where(r => r.Kind != CapacityKind.Quota).Select(r => r.ProviderName).Distinct())
        {
            await foreach (var record in capacity.ListHistoryAsync(provider, today.AddDays(-settings.IdleDays), today.AddDays(-1), cancellationToken).ConfigureAwait(false))
            {
                history.Add(record);
            }
        }

        var deliveries = usage.Select(c => (Commitment: c, Status: CapacityAnalysis.Delivery(c, latest, today))).ToList();
        var notifications = await alerts.ApplyRulesAsync(rules, new CapacityPass(latest, history, deliveries, settings, now), cancellationToken).ConfigureAwait(false);
        return new CapacityReport(CapacityAnalysis.Headroom(latest), deliveries.Select(d => d.Status).ToList(), latest, notifications);
    }
}
