using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads the GPU limits and their availability per availability domain and enqueues the capacity evaluation.</summary>
public sealed partial class IngestCapacityOci(OciIngestion oci, ILogger<IngestCapacityOci> logger)
{
    [Function(nameof(IngestCapacityOci))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityOci + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!oci.Enabled)
        {
            LogDisabled();
            return [];
        }

        var outcome = await oci.IngestCapacityAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Oracle Cloud is not enabled (Oci:Enabled); no capacity to read")]
    private partial void LogDisabled();
}
