namespace Pipeline.Testing;

/// <summary>
/// A clock pinned to a date (<see cref="TestClock.Now"/> by default) that then moves at real speed, with real timers:
/// for concurrency tests where a lease must not expire just because another task's wait moved a shared fake clock.
/// Never the calendar date of the machine.
/// </summary>
internal sealed class SteadyTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly long _origin = global::System.Diagnostics.Stopwatch.GetTimestamp();

    public SteadyTimeProvider() : this(TestClock.Now)
    {
    }

    public override DateTimeOffset GetUtcNow() => start + GetElapsedTime(_origin);
}
