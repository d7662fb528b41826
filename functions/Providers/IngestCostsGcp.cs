using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Pulls the BigQuery billing export's trailing window and enqueues the evaluation of the commitments.</summary>
public sealed class IngestCostsGcp(GcpIngestion gcp, ILogger<IngestCostsGcp> logger)
{
    [Function(nameof(IngestCostsGcp))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsGcp + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(gcp, logger, cancellationToken);
}
