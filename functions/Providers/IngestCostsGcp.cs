using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Queries the BigQuery billing export's trailing window and enqueues the evaluation of the billing account's commitments.</summary>
public sealed partial class IngestCostsGcp(GcpIngestion gcp, ILogger<IngestCostsGcp> logger)
{
    [Function(nameof(IngestCostsGcp))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsGcp + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!gcp.Enabled || !gcp.CostsConfigured)
        {
            LogDisabled();
            return [];
        }

        var outcome = await gcp.IngestCostsAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Google Cloud is not enabled (Gcp:Enabled) or Gcp:ExportTable is not set; nothing to ingest")]
    private partial void LogDisabled();
}
