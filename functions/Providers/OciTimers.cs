using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Connectors.Oci;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Oracle Cloud's two timers: OneSubscription commitments, then the Usage API's trailing window (then the commitments' evaluation), and GPU limits and availability per availability domain (then the capacity evaluation).</summary>
public sealed class OciTimers([FromKeyedServices(OciProvider.Key)] IProviderIngestion provider, ILogger<OciTimers> logger)
{
    [Function("IngestCostsOci")]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> CostsAsync([TimerTrigger("%" + OciProvider.CostSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(provider, logger, cancellationToken);

    [Function("IngestCapacityOci")]
    [QueueOutput(PipelineQueues.CapacityEvaluations)]
    public Task<string[]> CapacityAsync([TimerTrigger("%" + OciProvider.CapacitySchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CapacityAsync(provider, logger, cancellationToken);
}
