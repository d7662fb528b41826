using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Oracle Cloud: syncs Universal Credits, then pulls the Usage API's trailing window and enqueues the evaluation of the commitments.</summary>
public sealed class IngestCostsOci(OciIngestion oci, ILogger<IngestCostsOci> logger)
{
    [Function(nameof(IngestCostsOci))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsOci + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(oci, logger, cancellationToken);
}
