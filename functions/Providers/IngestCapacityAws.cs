using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads GPU quotas, reservations and Capacity Blocks and enqueues the capacity evaluation.</summary>
public sealed class IngestCapacityAws(AwsIngestion aws, ILogger<IngestCapacityAws> logger)
{
    [Function(nameof(IngestCapacityAws))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityAws + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(aws, logger, cancellationToken);
}
