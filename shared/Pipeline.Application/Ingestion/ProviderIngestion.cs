using Pipeline.Application.Capacity;
using Pipeline.Application.Commitments;

namespace Pipeline.Application.Ingestion;

/// <summary>
/// The one ingestion of every cloud, over its <see cref="IProviderConnector"/>: the commitments it reports synced
/// into <c>commitments</c>; its cost window pulled, aggregated and replaced with the run recorded (success or failure);
/// its capacity pulled into the snapshot with the run recorded (success or failure). Behind the timers and
/// <c>./run.sh ingest &lt;provider&gt;</c>.
/// </summary>
public sealed class ProviderIngestion(
    IProviderConnector connector,
    ApiCostIngestion costIngestion,
    CapacityIngestion capacityIngestion,
    ProviderCommitmentSync commitmentSync,
    TimeProvider time) : IProviderIngestion
{
    public ProviderIdentity Identity => connector.Identity;

    public bool Enabled => connector.Enabled;

    public bool CostsConfigured => connector.CostsConfigured;

    /// <summary>The window a cost run started now re-reads.</summary>
    public (DateOnly From, DateOnly To) Window() => connector.CostWindow(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

    public async Task<int> SyncCommitmentsAsync(CancellationToken cancellationToken = default)
    {
        var reported = await connector.PullCommitmentsAsync(cancellationToken).ConfigureAwait(false);
        return reported.Count == 0 ? 0 : await commitmentSync.SyncAsync(reported, cancellationToken).ConfigureAwait(false);
    }

    public Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default)
    {
        var (from, to) = Window();
        return costIngestion.IngestAsync(Identity.CostSource, Identity.FocusName, connector.BillingAccountId, from, to,
            (meter, ct) => connector.PullCostsAsync(from, to, meter, ct), cancellationToken);
    }

    public Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default) =>
        capacityIngestion.IngestPullAsync(Identity.CapacitySource, connector.CapacityLocation, connector.PullCapacityAsync, cancellationToken);
}
