namespace Pipeline.Core.Alerts;

/// <summary>
/// The alert state machine (ARCHITECTURE §8), as a pure function. Notify on: a new alert, a return after
/// resolution, an escalation of severity, a content change once the cooldown has passed since the last
/// notification (not while acknowledged or snoozed), and resolution.
/// </summary>
public sealed class AlertPolicy(TimeSpan cooldown)
{
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromDays(7);

    /// <summary>An unsent notification older than this is re-enqueued (its queue message may have been lost).</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(15);

    public AlertPolicy()
        : this(DefaultCooldown)
    {
    }

    /// <summary>The condition holds now.</summary>
    public AlertDecision Observe(AlertState? existing, AlertCondition condition, DateTimeOffset now)
    {
        if (existing is null)
        {
            return Notify(New(condition, now), AlertTransition.Opened, now);
        }

        var updated = existing with { Condition = condition, Severity = condition.Severity, LastSeen = now };
        if (existing.Status == AlertStatus.Resolved)
        {
            return Notify(updated with { Status = AlertStatus.Open, FirstSeen = now, ResolvedAt = null, SnoozedUntil = null }, AlertTransition.Reopened, now);
        }

        if (existing.Status == AlertStatus.Snoozed && existing.SnoozedUntil <= now)
        {
            updated = updated with { Status = AlertStatus.Open, SnoozedUntil = null };
        }

        var escalated = condition.Severity > (existing.LastNotifiedSeverity ?? existing.Severity);
        if (escalated && updated.Status != AlertStatus.Snoozed)
        {
            return Notify(updated, AlertTransition.Escalated, now);
        }

        if (existing.HasUnsentTransition)
        {
            // The pending email will carry the latest content; re-enqueue only if it looks lost.
            return new AlertDecision(updated, existing.PendingSince < now - ResendAfter ? existing.PendingTransitionId : null);
        }

        var changed = condition.Fingerprint != existing.LastNotifiedFingerprint;
        var cooled = existing.LastNotifiedAt is null || now - existing.LastNotifiedAt >= cooldown;
        if (updated.Status == AlertStatus.Open && changed && cooled)
        {
            return Notify(updated, AlertTransition.Updated, now);
        }

        return new AlertDecision(updated, null);
    }

    /// <summary>The condition no longer holds.</summary>
    public AlertDecision Clear(AlertState existing, DateTimeOffset now)
    {
        if (existing.Status == AlertStatus.Resolved)
        {
            return new AlertDecision(existing, null);
        }

        var resolved = existing with { Status = AlertStatus.Resolved, ResolvedAt = now, SnoozedUntil = null };
        return Notify(resolved, AlertTransition.Resolved, now);
    }

    private static AlertState New(AlertCondition condition, DateTimeOffset now) => new()
    {
        Rule = condition.Rule,
        SubjectKey = condition.SubjectKey,
        Status = AlertStatus.Open,
        Severity = condition.Severity,
        FirstSeen = now,
        LastSeen = now,
        Condition = condition,
    };

    private static AlertDecision Notify(AlertState state, AlertTransition transition, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now).ToString("n");
        return new AlertDecision(state with { PendingTransitionId = id, PendingTransition = transition, PendingSince = now }, id);
    }
}
