using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Pulls the Usage API's trailing window and enqueues the evaluation of the billing account's commitments.</summary>
public sealed partial class IngestCostsOci(OciIngestion oci, ILogger<IngestCostsOci> logger)
{
    [Function(nameof(IngestCostsOci))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsOci + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!oci.Enabled)
        {
            LogDisabled();
            return [];
        }

        var outcome = await oci.IngestCostsAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Oracle Cloud is not enabled (Oci:Enabled); nothing to ingest")]
    private partial void LogDisabled();
}
