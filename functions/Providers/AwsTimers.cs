using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Aws;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>AWS's two timers: Cost Explorer's trailing window (then the commitments' evaluation), and GPU quotas, reservations and Capacity Blocks (then the capacity evaluation).</summary>
public sealed class AwsTimers([FromKeyedServices(AwsProvider.Key)] IProviderIngestion provider, ILogger<AwsTimers> logger)
{
    [Function("IngestCostsAws")]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> CostsAsync([TimerTrigger("%" + AwsProvider.CostSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(provider, logger, cancellationToken);

    [Function("IngestCapacityAws")]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> CapacityAsync([TimerTrigger("%" + AwsProvider.CapacitySchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(provider, logger, cancellationToken);
}
