using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads the GPU limits and their availability per availability domain and enqueues the capacity evaluation.</summary>
public sealed class IngestCapacityOci(OciIngestion oci, ILogger<IngestCapacityOci> logger)
{
    [Function(nameof(IngestCapacityOci))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityOci + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(oci, logger, cancellationToken);
}
