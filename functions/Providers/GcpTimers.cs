using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Gcp;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Google Cloud's two timers: the BigQuery billing export's trailing window (then the commitments' evaluation), and Compute Engine GPU quotas and reservations (then the capacity evaluation).</summary>
public sealed class GcpTimers([FromKeyedServices(GcpProvider.Key)] IProviderIngestion provider, ILogger<GcpTimers> logger)
{
    [Function("IngestCostsGcp")]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> CostsAsync([TimerTrigger("%" + GcpProvider.CostSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(provider, logger, cancellationToken);

    [Function("IngestCapacityGcp")]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> CapacityAsync([TimerTrigger("%" + GcpProvider.CapacitySchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(provider, logger, cancellationToken);
}
