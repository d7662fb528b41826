using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Pipeline.Application.Ingestion;
using Pipeline.Application.Options;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Providers;

/// <summary>Pulls Cost Management's trailing window (and syncs MACC lots) and enqueues the evaluation of the billing account's commitments.</summary>
public sealed partial class IngestCostsAzure(AzureIngestion azure, ILogger<IngestCostsAzure> logger)
{
    [Function(nameof(IngestCostsAzure))]
    [QueueOutput(PipelineQueues.Evaluations)]
    public async Task<string[]> RunAsync([TimerTrigger("%" + ScheduleSettings.CostsAzure + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!azure.Enabled)
        {
            LogDisabled();
            return [];
        }

        // MACC first so the evaluation sees today's balance; a missing billing role must not stop the cost pull.
        try
        {
            LogMaccSynced(await azure.SyncMaccAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is Pipeline.Connectors.Common.ConnectorException or InvalidDataException)
        {
            LogMaccFailed(ex, ex.Message);
        }

        var outcome = await azure.IngestCostsAsync(cancellationToken);
        return [.. outcome.Evaluations.Select(e => e.ToJson())];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Lots} MACC lot(s)")]
    private partial void LogMaccSynced(int lots);

    [LoggerMessage(Level = LogLevel.Error, Message = "MACC lot sync failed, costs are still pulled: {Error}")]
    private partial void LogMaccFailed(Exception exception, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure is not enabled (Azure:Enabled); nothing to ingest")]
    private partial void LogDisabled();
}
