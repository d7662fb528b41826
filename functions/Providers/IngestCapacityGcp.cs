using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads Compute Engine GPU quotas and reservations and enqueues the capacity evaluation.</summary>
public sealed class IngestCapacityGcp(GcpIngestion gcp, ILogger<IngestCapacityGcp> logger)
{
    [Function(nameof(IngestCapacityGcp))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityGcp + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(gcp, logger, cancellationToken);
}
