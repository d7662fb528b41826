using Pipeline.Connectors.Common;

namespace Pipeline.Application.Ingestion;

/// <summary>
/// A provider's cost run as the timers and <c>./run.sh ingest &lt;provider&gt;</c> do it, written once: the commitments
/// it reports are synced first, so the evaluation sees today's balance; a failure there (a billing role not granted,
/// say) is reported and the costs are still pulled. A cost failure propagates (it is already recorded in <c>runs</c>).
/// </summary>
public sealed record ProviderCostRun(int CommitmentsSynced, Exception? CommitmentsFailure, IngestionOutcome Costs)
{
    public static async Task<ProviderCostRun> RunAsync(IProviderIngestion provider, CancellationToken cancellationToken)
    {
        var synced = 0;
        Exception? failure = null;
        try
        {
            synced = await provider.SyncCommitmentsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            failure = ex;
        }

        var costs = await provider.IngestCostsAsync(cancellationToken).ConfigureAwait(false);
        return new ProviderCostRun(synced, failure, costs);
    }
}
