using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Reads Azure GPU family quotas and capacity reservations and enqueues the capacity evaluation.</summary>
public sealed class IngestCapacityAzure(AzureIngestion azure, ILogger<IngestCapacityAzure> logger)
{
    [Function(nameof(IngestCapacityAzure))]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CapacityAzure + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(azure, logger, cancellationToken);
}
