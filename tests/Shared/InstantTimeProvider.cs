namespace Pipeline.Testing;

/// <summary>
/// A clock whose short timers (retries, pacing, polling: up to <see cref="InstantUpTo"/>) fire at once and move the
/// clock forward by their due time, so those waits run instantly while the code under test still sees (and budgets
/// against) the time it asked to wait. Longer timers are timeouts guarding work that, in a test, finishes first: they
/// never fire (use FakeTimeProvider to test a timeout expiring).
/// </summary>
internal sealed class InstantTimeProvider(DateTimeOffset start) : TimeProvider
{
    public static readonly TimeSpan InstantUpTo = TimeSpan.FromSeconds(59);

    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;
    private readonly List<TimeSpan> _waits = [];

    public InstantTimeProvider() : this(TestClock.Now)
    {
    }

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_lock)
            {
                return [.. _waits];
            }
        }
    }

    /// <summary>Moves the clock forward, as the time between two scheduled runs.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }

    /// <summary>Moves the clock forward to <paramref name="instant"/> (never back: time a test already spent stays spent).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        lock (_lock)
        {
            if (instant < _now)
            {
                throw new InvalidOperationException($"The clock is at {_now:O}; it cannot go back to {instant:O}.");
            }

            _now = instant;
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime <= InstantUpTo)
        {
            lock (_lock)
            {
                _now += dueTime;
                _waits.Add(dueTime);
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoopTimer();
    }

    private sealed class NoopTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
