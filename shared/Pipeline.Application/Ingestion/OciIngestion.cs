using Microsoft.Extensions.Options;
using Pipeline.Application.Capacity;
using Pipeline.Application.Commitments;
using Pipeline.Connectors.Oci;

namespace Pipeline.Application.Ingestion;

/// <summary>The Oracle Cloud use cases behind IngestCostsOci and IngestCapacityOci (and <c>./run.sh ingest oci</c>).</summary>
public sealed class OciIngestion(
    IOptions<OciOptions> options,
    OciUsageConnector usage,
    OciLimitsConnector limits,
    OciCommitmentConnector commitments,
    ProviderCommitmentSync commitmentSync,
    ApiCostIngestion costIngestion,
    CapacityIngestion capacityIngestion,
    TimeProvider time) : IProviderIngestion
{
    public const string CapacitySource = "oci-capacity";

    public string DisplayName => "Oracle Cloud";

    public string SettingsSection => "Oci";

    public bool Enabled => options.Value.Enabled;

    /// <summary>The trailing window of a cost pull (see <see cref="TrailingWindow.UntilInvoiceClose"/>).</summary>
    public (DateOnly From, DateOnly To) Window() => TrailingWindow.UntilInvoiceClose(time, options.Value.WindowDays);

    public Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default)
    {
        var (from, to) = Window();
        return costIngestion.IngestAsync(OciUsageConnector.Source, OciUsageConnector.Provider, options.Value.TenancyId ?? string.Empty, from, to,
            async (_, ct) =>
            {
                var (rows, calls) = await usage.PullAsync(from, to, ct).ConfigureAwait(false);
                return new ApiCostPull(rows, calls, TimeSpan.Zero);
            }, cancellationToken);
    }

    /// <summary>Keeps Universal Credits commitments (<c>oci-commitment-{id}</c>) in sync with OneSubscription (see <see cref="ProviderCommitmentSync"/>).</summary>
    public async Task<int> SyncCommitmentsAsync(CancellationToken cancellationToken = default) =>
        await commitmentSync.SyncAsync(await commitments.PullAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var observations = await limits.PullAsync(cancellationToken).ConfigureAwait(false);
        return await capacityIngestion.IngestAsync(CapacitySource, $"Oracle {string.Join(", ", options.Value.Regions)}", observations, started, cancellationToken).ConfigureAwait(false);
    }
}
