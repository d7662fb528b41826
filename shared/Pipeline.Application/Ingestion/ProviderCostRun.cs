namespace Pipeline.Application.Ingestion;

/// <summary>
/// A provider's cost run as the timers and <c>./run.sh ingest &lt;provider&gt;</c> do it, written once: the commitments
/// it reports are synced first, so the evaluation sees today's balance; a failure there (a billing role not granted,
/// say) is reported and the costs are still pulled. A cost failure propagates (it is already recorded in <c>runs</c>).
/// </summary>
public sealed record ProviderCostRun(int CommitmentsSynced, Exception? CommitmentsFailure, IngestionOutcome Costs)
{
    /// <param name="afterCommitments">Told the commitment outcome before the costs are pulled (the CLI prints it then).</param>
    /// <param name="aroundCosts">Wraps the cost pull (the CLI shows a spinner while it runs).</param>
    public static async Task<ProviderCostRun> RunAsync(IProviderIngestion provider, CancellationToken cancellationToken,
        Action<int, Exception?>? afterCommitments = null, Func<Func<Task<IngestionOutcome>>, Task<IngestionOutcome>>? aroundCosts = null)
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

        afterCommitments?.Invoke(synced, failure);
        Func<Task<IngestionOutcome>> pull = () => provider.IngestCostsAsync(cancellationToken);
        var costs = await (aroundCosts is null ? pull() : aroundCosts(pull)).ConfigureAwait(false);
        return new ProviderCostRun(synced, failure, costs);
    }
}
