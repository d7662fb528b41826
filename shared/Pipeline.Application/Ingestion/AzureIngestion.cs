using Microsoft.Extensions.Options;
using Pipeline.Application.Capacity;
using Pipeline.Connectors.Azure;
using Pipeline.Application.Commitments;

namespace Pipeline.Application.Ingestion;

/// <summary>The Azure use cases behind IngestCostsAzure and IngestCapacityAzure (and <c>./run.sh ingest azure</c>).</summary>
public sealed class AzureIngestion(
    IOptions<AzureOptions> options,
    AzureCostManagementConnector costs,
    AzureMaccConnector macc,
    AzureCapacityConnector capacity,
    ApiCostIngestion costIngestion,
    CapacityIngestion capacityIngestion,
    ProviderCommitmentSync commitmentSync,
    TimeProvider time) : IProviderIngestion
{
    public const string CapacitySource = "azure-capacity";

    public string DisplayName => "Azure";

    public string SettingsSection => "Azure";

    public bool Enabled => options.Value.Enabled;

    /// <summary>The trailing window of a cost pull (see <see cref="TrailingWindow.UntilInvoiceClose"/>).</summary>
    public (DateOnly From, DateOnly To) Window() => TrailingWindow.UntilInvoiceClose(time, options.Value.WindowDays);

    public Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var (from, to) = Window();
        return costIngestion.IngestAsync(AzureCostManagementConnector.Source, AzureCostManagementConnector.Provider, o.BillingAccountId ?? string.Empty, from, to,
            async (_, ct) =>
            {
                // Cost Management queries are free: counted as API calls, not as paid ones.
                var pull = await costs.PullAsync(from, to, ct).ConfigureAwait(false);
                return new ApiCostPull(pull.Rows, pull.Queries, pull.ThrottledFor);
            }, cancellationToken);
    }

    /// <summary>Keeps MACC commitments (<c>azure-macc-{lot name}</c>) in sync with the Consumption lots (see <see cref="ProviderCommitmentSync"/>).</summary>
    public async Task<int> SyncCommitmentsAsync(CancellationToken cancellationToken = default) =>
        await commitmentSync.SyncAsync(await macc.PullAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var observations = await capacity.PullAsync(cancellationToken).ConfigureAwait(false);
        return await capacityIngestion.IngestAsync(CapacitySource, $"Azure {string.Join(", ", options.Value.Subscriptions)}", observations, started, cancellationToken).ConfigureAwait(false);
    }
}
