using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Pulls AWS Cost Explorer's trailing window and enqueues the evaluation of the commitments.</summary>
public sealed class IngestCostsAws(AwsIngestion aws, ILogger<IngestCostsAws> logger)
{
    [Function(nameof(IngestCostsAws))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsAws + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ProviderTimers.CostsAsync(aws, logger, cancellationToken);
}
