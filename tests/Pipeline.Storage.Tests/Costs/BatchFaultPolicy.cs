using Azure.Core;
using Azure.Core.Pipeline;

namespace Pipeline.Storage.Tests.Costs;

/// <summary>
/// Breaks entity group transactions (<c>$batch</c> requests) on their way to Azurite: attempts number
/// [<see cref="FailFrom"/>, FailFrom + <see cref="Times"/>) fail with a dropped connection, either before the request is
/// sent or after Azurite committed it (the response is lost). With <see cref="ThenEverything"/> every later request
/// fails too, as when the process loses storage for good (dies). Counts every batch attempt.
/// </summary>
internal sealed class BatchFaultPolicy : HttpPipelinePolicy
{
    private int _attempts;
    private volatile bool _tripped;

    public int FailFrom { get; init; } = int.MaxValue;

    public int Times { get; init; } = 1;

    public bool AfterSend { get; init; }

    public bool ThenEverything { get; init; }

    public TimeSpan Delay { get; init; }

    public int Attempts => _attempts;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var isBatch = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
        var fail = false;
        if (isBatch)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            fail = attempt >= FailFrom && attempt < FailFrom + Times;
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay).ConfigureAwait(false);
            }
        }

        if (_tripped && ThenEverything)
        {
            throw new IOException("injected: storage unreachable");
        }

        if (!fail)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        _tripped = true;
        if (AfterSend)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        throw new IOException(AfterSend ? "injected: connection dropped after the batch was sent" : "injected: connection dropped before the batch was sent");
    }

    /// <summary>Table options that route every attempt through <paramref name="policy"/>, with fast retries.</summary>
    public static Azure.Data.Tables.TableClientOptions Options(BatchFaultPolicy policy)
    {
        var options = new Azure.Data.Tables.TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return options;
    }
}
