namespace Pipeline.Http;

/// <summary>
/// What calling one provider took, counted where every request passes (<see cref="ProviderHttp"/> and the
/// <see cref="ProviderResilience"/> retry): each attempt, each retry, and the time waited because the provider throttled. One meter per pull; thread-safe.
/// </summary>
public sealed class ProviderCallMeter
{
    /// <summary>The request option the handler finds the meter of a request under.</summary>
    public static readonly HttpRequestOptionsKey<ProviderCallMeter> Key = new("Pipeline.ProviderCallMeter");

    private int _calls;
    private int _retries;
    private long _throttledTicks;

    public int Calls => _calls;

    public int Retries => _retries;

    public TimeSpan ThrottledFor => TimeSpan.FromTicks(Interlocked.Read(ref _throttledTicks));

    internal void Request() => Interlocked.Increment(ref _calls);

    internal void Retry(TimeSpan wait, bool throttled)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _retries);
        if (throttled)
        {
            Interlocked.Add(ref _throttledTicks, wait.Ticks);
        }
    }
}
