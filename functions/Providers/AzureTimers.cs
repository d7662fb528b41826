using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Azure;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Azure's two timers: MACC lots, then Cost Management's trailing window (then the commitments' evaluation), and GPU family quotas and capacity reservation groups (then the capacity evaluation).</summary>
public sealed class AzureTimers([FromKeyedServices(AzureProvider.Key)] IProviderIngestion provider, ILogger<AzureTimers> logger)
{
    [Function("IngestCostsAzure")]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> CostsAsync([TimerTrigger("%" + AzureProvider.CostSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(provider, logger, cancellationToken);

    [Function("IngestCapacityAzure")]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> CapacityAsync([TimerTrigger("%" + AzureProvider.CapacitySchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(provider, logger, cancellationToken);
}
