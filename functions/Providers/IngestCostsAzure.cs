using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Azure: syncs MACC lots, then pulls Cost Management's trailing window and enqueues the evaluation of the commitments.</summary>
public sealed class IngestCostsAzure(AzureIngestion azure, ILogger<IngestCostsAzure> logger)
{
    [Function(nameof(IngestCostsAzure))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsAzure + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(azure, logger, cancellationToken);
}
