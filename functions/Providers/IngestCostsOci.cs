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

        // Commitments first so the evaluation sees today's balance; a missing subscription policy must not stop the cost pull.
        try
        {
            LogCommitmentsSynced(await oci.SyncCommitmentsAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is Pipeline.Connectors.Common.ConnectorException or InvalidDataException)
        {
            LogCommitmentsFailed(ex, ex.Message);
        }

        var outcome = await oci.IngestCostsAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Commitments} OCI commitment(s)")]
    private partial void LogCommitmentsSynced(int commitments);

    [LoggerMessage(Level = LogLevel.Error, Message = "OCI commitment sync failed, costs are still pulled: {Error}")]
    private partial void LogCommitmentsFailed(Exception exception, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Oracle Cloud is not enabled (Oci:Enabled); nothing to ingest")]
    private partial void LogDisabled();
}
