namespace Pipeline.Http;

/// <summary>
/// Exponential backoff with full jitter, bounded by a total time budget rather than a fixed attempt count, so a
/// throttled provider gets as many polite retries as the run can afford and no more.
/// </summary>
public sealed class RetryBudget(TimeSpan budget, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time)
{
    private readonly DateTimeOffset _deadline = time.GetUtcNow() + budget;
    private int _attempt;

    /// <summary>The delay before the next attempt, or null when the budget is spent. A server hint (Retry-After) wins if longer.</summary>
    public TimeSpan? Next(TimeSpan? serverHint = null)
    {
        var exponential = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, baseDelay.Ticks << Math.Min(_attempt, 20)));
        var delay = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * exponential.Ticks));
        if (serverHint is { } hint && hint > delay)
        {
            delay = hint;
        }

        // Compared with what is left rather than added to now: a hint of days (or TimeSpan.MaxValue) must not overflow.
        if (delay > _deadline - time.GetUtcNow())
        {
            return null;
        }

        _attempt++;
        return delay;
    }
}
