namespace Pipeline.Connectors.Common;

/// <summary>
/// One cloud as the ingestion sees it: whether it is set up, the cost window it re-reads, and its three pulls. The
/// ingestion (window, aggregation, replacement, run records, commitment sync, capacity snapshot) is written once, in
/// Application, for every implementation.
/// </summary>
public interface IProviderConnector
{
    ProviderIdentity Identity { get; }

    bool Enabled { get; }

    /// <summary>Whether the cost pull is configured (some providers can read capacity without it).</summary>
    bool CostsConfigured => Enabled;

    /// <summary>The BillingAccountId of the cost rows, which scopes the window replacement.</summary>
    string BillingAccountId { get; }

    /// <summary>What a capacity run records as its location, e.g. "AWS us-east-1, us-west-2".</summary>
    string CapacityLocation { get; }

    /// <summary>The days [From, To) a cost run re-reads on <paramref name="today"/>.</summary>
    (DateOnly From, DateOnly To) CostWindow(DateOnly today);

    /// <param name="meter">Counts the pull's calls as they are made (its clients send through it), so a pull failing half-way still records what it cost.</param>
    Task<CostPull> PullCostsAsync(DateOnly from, DateOnly to, ProviderCallMeter meter, CancellationToken cancellationToken);

    Task<IReadOnlyList<CapacityObservation>> PullCapacityAsync(CancellationToken cancellationToken);

    /// <summary>Commitments the provider reports (MACC lots, Universal Credits); null where it has no commitment source.</summary>
    Task<CommitmentPull?> PullCommitmentsAsync(CancellationToken cancellationToken) => Task.FromResult<CommitmentPull?>(null);
}
