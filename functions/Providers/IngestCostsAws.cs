using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Pulls AWS Cost Explorer's trailing window and enqueues the evaluation of the payer account's commitments.</summary>
public sealed partial class IngestCostsAws(AwsIngestion aws, ILogger<IngestCostsAws> logger)
{
    [Function(nameof(IngestCostsAws))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsAws + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!aws.Enabled)
        {
            LogDisabled();
            return [];
        }

        var outcome = await aws.IngestCostsAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS is not enabled (Aws:Enabled); nothing to ingest")]
    private partial void LogDisabled();
}
