namespace Pipeline.Http;

/// <summary>
/// What calling one provider took in one pull, counted where every request passes (<see cref="ProviderHttp"/> and the
/// <see cref="ProviderResilience"/> retry), whatever the cloud: logical requests (a retried request is one), the paid
/// ones among them (marked with <see cref="PaidKey"/>: Cost Explorer requests, BigQuery jobs), retries, and the time
/// waited because the provider throttled. The ingestion owns it, so a pull that fails half-way still records what it
/// cost. Thread-safe.
/// </summary>
public sealed class ProviderCallMeter
{
    /// <summary>The request option the pipeline finds the meter of a request under.</summary>
    public static readonly HttpRequestOptionsKey<ProviderCallMeter> Key = new("Pipeline.ProviderCallMeter");

    /// <summary>Marks a request the provider charges for.</summary>
    public static readonly HttpRequestOptionsKey<bool> PaidKey = new("Pipeline.PaidCall");

    private int _requests;
    private int _paid;
    private int _retries;
    private long _throttledTicks;

    public int Requests => _requests;

    public int PaidCalls => _paid;

    public int Retries => _retries;

    /// <summary>Every attempt sent: the requests and their retries.</summary>
    public int Attempts => _requests + _retries;

    public TimeSpan ThrottledFor => TimeSpan.FromTicks(Interlocked.Read(ref _throttledTicks));

    internal void Request(bool paid)
    {
        Interlocked.Increment(ref _requests);
        if (paid)
        {
            Interlocked.Increment(ref _paid);
        }
    }

    internal void Retry(TimeSpan wait, bool throttled)
    {
        Interlocked.Increment(ref _retries);
        if (throttled)
        {
            Interlocked.Add(ref _throttledTicks, wait.Ticks);
        }
    }
}
