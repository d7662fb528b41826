using Microsoft.Extensions.Options;
using Pipeline.Application.Capacity;
using Pipeline.Connectors.Aws;

namespace Pipeline.Application.Ingestion;

/// <summary>The AWS use cases behind IngestCostsAws and IngestCapacityAws (and <c>./run.sh ingest aws</c>).</summary>
public sealed class AwsIngestion(
    IOptions<AwsOptions> options,
    AwsCostExplorerConnector costs,
    AwsCapacityConnector capacity,
    ApiCostIngestion costIngestion,
    CapacityIngestion capacityIngestion,
    TimeProvider time) : IProviderIngestion
{
    public const string CapacitySource = "aws-capacity";

    public string DisplayName => "AWS";

    public string SettingsSection => "Aws";

    public bool Enabled => options.Value.Enabled;

    public Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var to = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = to.AddDays(-o.WindowDays);
        return costIngestion.IngestAsync(AwsCostExplorerConnector.Source, AwsCostExplorerConnector.Provider, o.PayerAccountId ?? string.Empty, from, to,
            async (paid, ct) => new ApiCostPull((await costs.PullAsync(from, to, paid, ct).ConfigureAwait(false)).Rows, paid.Count, TimeSpan.Zero), cancellationToken);
    }

    public async Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var observations = await capacity.PullAsync(cancellationToken).ConfigureAwait(false);
        return await capacityIngestion.IngestAsync(CapacitySource, $"AWS {string.Join(", ", options.Value.EffectiveRegions)}", observations, started, cancellationToken).ConfigureAwait(false);
    }
}
