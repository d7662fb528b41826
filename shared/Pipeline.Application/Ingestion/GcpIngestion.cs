using Microsoft.Extensions.Options;
using Pipeline.Application.Capacity;
using Pipeline.Connectors.Gcp;

namespace Pipeline.Application.Ingestion;

/// <summary>The Google Cloud use cases behind IngestCostsGcp and IngestCapacityGcp (and <c>./run.sh ingest gcp</c>).</summary>
public sealed class GcpIngestion(
    IOptions<GcpOptions> options,
    GcpCostConnector costs,
    GcpCapacityConnector capacity,
    ApiCostIngestion costIngestion,
    CapacityIngestion capacityIngestion,
    TimeProvider time) : IProviderIngestion
{
    public const string CapacitySource = "gcp-capacity";

    public string DisplayName => "Google Cloud";

    public string SettingsSection => "Gcp";

    public bool Enabled => options.Value.Enabled;

    public bool CostsConfigured => !string.IsNullOrWhiteSpace(options.Value.ExportTable);

    /// <summary>The trailing window of a cost pull (see <see cref="TrailingWindow.UntilInvoiceClose"/>).</summary>
    public (DateOnly From, DateOnly To) Window() => TrailingWindow.UntilInvoiceClose(time, options.Value.WindowDays);

    public Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var (from, to) = Window();
        return costIngestion.IngestAsync(GcpCostConnector.Source, GcpCostConnector.Provider, o.BillingAccountId ?? string.Empty, from, to,
            async (paid, ct) =>
            {
                var pull = await costs.PullAsync(from, to, ct).ConfigureAwait(false);
                paid.Increment(); // the query job is billed by bytes processed
                return new ApiCostPull(pull.Rows, pull.ApiCalls, TimeSpan.Zero, pull.BytesProcessed);
            }, cancellationToken);
    }

    public async Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var observations = await capacity.PullAsync(cancellationToken).ConfigureAwait(false);
        return await capacityIngestion.IngestAsync(CapacitySource, $"Google Cloud {string.Join(", ", options.Value.Projects)}", observations, started, cancellationToken).ConfigureAwait(false);
    }
}
