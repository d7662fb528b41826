using Microsoft.Extensions.Options;
using Pipeline.Application.Alerts;
using Pipeline.Application.Options;
using Pipeline.Core.Alerts;
using Pipeline.Core.Capacity;
using Pipeline.Core.Commitments;
using Pipeline.Storage.Alerts;
using Pipeline.Storage.Capacity;
using Pipeline.Storage.Commitments;

namespace Pipeline.Application.Capacity;

/// <summary>
/// The <c>EvaluateCapacity</c> pass: headroom, delivery of capacity commitments, and the four capacity alert rules
/// over the latest snapshot (idleness over the daily history). Every rule resolves the alerts whose subject no longer
/// qualifies, including reservations that disappeared.
/// </summary>
public sealed class CapacityEvaluationJob(
    CapacityStore capacity,
    CommitmentStore commitments,
    AlertStore alertStore,
    AlertService alerts,
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

        // Capacity alerts go to the owners of the provider's capacity commitments (else Email:DefaultRecipients).
        var owners = usage.GroupBy(c => c.ProviderName).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(c => c.Owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        AlertCondition? WithOwners(CapacityRecord record, AlertCondition? condition) =>
            condition is null ? null : condition with { Recipients = owners.GetValueOrDefault(record.ProviderName, []) };
        var subjects = latest.Select(CapacityAlertRules.Subject).ToList();
        var notifications = 0;
        notifications += await ApplyAsync(CapacityAlertRules.QuotaRule, subjects,
            latest.Select(r => WithOwners(r, CapacityAlertRules.QuotaUtilization(r, settings.QuotaUtilizationThreshold))), cancellationToken).ConfigureAwait(false);
        notifications += await ApplyAsync(CapacityAlertRules.IdleRule, subjects,
            latest.Select(r => WithOwners(r, CapacityAlertRules.Idle(r, history.Where(h => CapacityAlertRules.Subject(h) == CapacityAlertRules.Subject(r)).ToList(),
                settings.IdleUtilizationThreshold, settings.IdleDays))), cancellationToken).ConfigureAwait(false);
        notifications += await ApplyAsync(CapacityAlertRules.EndingRule, subjects,
            latest.Select(r => WithOwners(r, CapacityAlertRules.Ending(r, now, settings.EndingWithinDays))), cancellationToken).ConfigureAwait(false);
        notifications += await ApplyAsync(CapacityAlertRules.DeliveryRule, usage.Select(c => c.Id).ToList(),
            deliveries.Select(d => CapacityAlertRules.DeliveryBehind(d.Commitment, d.Status)), cancellationToken).ConfigureAwait(false);

        return new CapacityReport(CapacityAnalysis.Headroom(latest), deliveries.Select(d => d.Status).ToList(), latest, notifications);
    }

    /// <summary>Applies one rule; subjects that vanished from the snapshot are in scope too, so their alerts resolve.</summary>
    private async Task<int> ApplyAsync(string rule, IReadOnlyCollection<string> current, IEnumerable<AlertCondition?> conditions, CancellationToken cancellationToken)
    {
        var scope = new HashSet<string>(current, StringComparer.Ordinal);
        await foreach (var alert in alertStore.ListAsync(rule, cancellationToken).ConfigureAwait(false))
        {
            scope.Add(alert.SubjectKey);
        }

        return await alerts.ApplyAsync(rule, scope, conditions.OfType<AlertCondition>().ToList(), cancellationToken).ConfigureAwait(false);
    }
}
