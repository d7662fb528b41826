using Pipeline.Storage.Alerts;
using Pipeline.Storage.Queues;

namespace Pipeline.Application.Alerts;

/// <summary>
/// Applies evaluation results to the <c>alerts</c> table through <see cref="AlertPolicy"/> with optimistic
/// concurrency (read, decide, conditional write, retry on a lost race), and enqueues a <c>notifications</c>
/// message only after the decision that calls for it has been stored.
/// </summary>
public sealed partial class AlertService(AlertStore store, NotificationQueue notifications, AlertPolicy policy, TimeProvider time,
    ILogger<AlertService> logger)
{
    private const int MaxAttempts = 10;

    /// <summary>
    /// Records that <paramref name="conditions"/> hold, and that every other subject of <paramref name="rule"/> in
    /// <paramref name="evaluatedSubjects"/> is clear (resolving its alert if open).
    /// </summary>
    public async Task<int> ApplyAsync(string rule, IReadOnlyCollection<string> evaluatedSubjects, IReadOnlyList<AlertCondition> conditions,
        CancellationToken cancellationToken = default)
    {
        var enqueued = 0;
        foreach (var condition in conditions)
        {
            enqueued += await UpdateAsync(rule, condition.SubjectKey, existing => policy.Observe(existing, condition, time.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
        }

        var holding = conditions.Select(c => c.SubjectKey).ToHashSet(StringComparer.Ordinal);
        var scope = evaluatedSubjects.ToHashSet(StringComparer.Ordinal);
        await foreach (var alert in store.ListAsync(rule, cancellationToken).ConfigureAwait(false))
        {
            if (alert.Status != AlertStatus.Resolved && scope.Contains(alert.SubjectKey) && !holding.Contains(alert.SubjectKey))
            {
                enqueued += await UpdateAsync(rule, alert.SubjectKey, existing => existing is null ? null : policy.Clear(existing, time.GetUtcNow()), cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return enqueued;
    }

    /// <summary>Evaluates every rule of a pass on its input and applies each; returns the notifications enqueued.</summary>
    public async Task<int> ApplyRulesAsync<TInput>(IEnumerable<IAlertRule<TInput>> rules, TInput input, CancellationToken cancellationToken = default)
    {
        var enqueued = 0;
        foreach (var rule in rules)
        {
            var scope = rule.Scope(input);
            var subjects = new HashSet<string>(scope.Subjects, StringComparer.Ordinal);
            if (scope.Complete)
            {
                await foreach (var alert in store.ListAsync(rule.Id, cancellationToken).ConfigureAwait(false))
                {
                    subjects.Add(alert.SubjectKey);
                }
            }

            enqueued += await ApplyAsync(rule.Id, subjects, rule.Evaluate(input).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return enqueued;
    }

    public Task AcknowledgeAsync(string rule, string subjectKey, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(rule, subjectKey, s => s with { Status = AlertStatus.Acknowledged, SnoozedUntil = null }, cancellationToken);

    public Task SnoozeAsync(string rule, string subjectKey, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(rule, subjectKey, s => s with { Status = AlertStatus.Snoozed, SnoozedUntil = until }, cancellationToken);

    private async Task ChangeStatusAsync(string rule, string subjectKey, Func<AlertState, AlertState> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await store.GetAsync(rule, subjectKey, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No alert {rule} / {subjectKey}.");
            if (existing.Status == AlertStatus.Resolved)
            {
                throw new InvalidOperationException($"Alert {rule} / {subjectKey} is resolved; nothing to acknowledge or snooze.");
            }

            if (await store.TryWriteAsync(change(existing), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Alert {rule} / {subjectKey} kept changing under us; try again.");
    }

    private async Task<int> UpdateAsync(string rule, string subjectKey, Func<AlertState?, AlertDecision?> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await store.GetAsync(rule, subjectKey, cancellationToken).ConfigureAwait(false);
            var decision = decide(existing);
            if (decision is null)
            {
                return 0;
            }

            if (!await store.TryWriteAsync(decision.State with { ETag = existing?.ETag }, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (decision.EnqueueTransitionId is { } transition)
            {
                await notifications.SendAsync(new NotificationRequest(rule, subjectKey, transition), cancellationToken).ConfigureAwait(false);
                LogEnqueued(rule, subjectKey, decision.State.PendingTransition, decision.State.Severity);
                return 1;
            }

            return 0;
        }

        throw new InvalidOperationException($"Alert {rule} / {subjectKey}: lost {MaxAttempts} races in a row.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Rule} / {SubjectKey}: {Transition} ({Severity}), notification enqueued")]
    private partial void LogEnqueued(string rule, string subjectKey, AlertTransition? transition, AlertSeverity severity);
}
