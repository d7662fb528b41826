using Microsoft.Extensions.Options;
using Pipeline.Application.Capacity;
using Pipeline.Connectors.Azure;
using Pipeline.Connectors.Common;
using Pipeline.Core.Commitments;
using Pipeline.Storage.Commitments;

namespace Pipeline.Application.Ingestion;

/// <summary>The Azure use cases behind IngestCostsAzure and IngestCapacityAzure (and <c>./run.sh ingest azure</c>).</summary>
public sealed class AzureIngestion(
    IOptions<AzureOptions> options,
    AzureCostManagementConnector costs,
    AzureMaccConnector macc,
    AzureCapacityConnector capacity,
    ApiCostIngestion costIngestion,
    CapacityIngestion capacityIngestion,
    CommitmentStore commitments,
    TimeProvider time)
{
    public const string CapacitySource = "azure-capacity";

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// The trailing window, extended back to the first of the previous month until the 5th (the previous month is
    /// restated until its invoice closes).
    /// </summary>
    public (DateOnly From, DateOnly To) Window()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-options.Value.WindowDays);
        var previousMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return (today.Day <= 5 && previousMonth < from ? previousMonth : from, today);
    }

    public Task<IngestionOutcome> IngestCostsAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var (from, to) = Window();
        return costIngestion.IngestAsync(AzureCostManagementConnector.Source, AzureCostManagementConnector.Provider, o.BillingAccountId ?? string.Empty, from, to,
            async (_, ct) =>
            {
                // Cost Management queries are free: counted as API calls, not as paid ones.
                var pull = await costs.PullAsync(from, to, new PaidCallCounter(), ct).ConfigureAwait(false);
                return new ApiCostPull(pull.Rows, pull.Queries, pull.ThrottledFor);
            }, cancellationToken);
    }

    /// <summary>
    /// Keeps MACC commitments in sync with the Consumption lots. A lot with no commitment of its id
    /// (<c>azure-macc-{lot name}</c>) in the commitments file becomes a provider-sourced commitment; a lot the file
    /// already defines keeps the file's definition (its ramp, owners and eligibility) and only takes the balance
    /// Microsoft reports, so the two can be reconciled.
    /// </summary>
    public async Task<int> SyncMaccAsync(CancellationToken cancellationToken = default)
    {
        var lots = await macc.PullAsync(cancellationToken).ConfigureAwait(false);
        var fromFile = new Dictionary<string, Commitment>(StringComparer.OrdinalIgnoreCase);
        await foreach (var existing in commitments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (existing.Origin == "file")
            {
                fromFile[existing.Id] = existing;
            }
        }

        foreach (var lot in lots)
        {
            var commitment = fromFile.TryGetValue(lot.Id, out var file)
                ? file with { ReportedBalance = lot.ReportedBalance, ReportedUsed = lot.ReportedUsed }
                : lot;
            await commitments.UpsertAsync(commitment, cancellationToken).ConfigureAwait(false);
        }

        return lots.Count;
    }

    public async Task<CapacityIngestionOutcome> IngestCapacityAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var observations = await capacity.PullAsync(cancellationToken).ConfigureAwait(false);
        return await capacityIngestion.IngestAsync(CapacitySource, $"Azure {string.Join(", ", options.Value.Subscriptions)}", observations, started, cancellationToken).ConfigureAwait(false);
    }
}
