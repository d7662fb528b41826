using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Pipeline.Core.Commitments;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Commitments;

/// <summary>
/// The <c>commitments</c> table: PartitionKey = ProviderName, RowKey = ContractCommitmentId (both escaped).
/// Columns follow FOCUS 1.3's Contract Commitment dataset; <c>x_Definition</c> holds the full definition
/// (periods, eligibility, owners) as JSON.
/// </summary>
public sealed class CommitmentStore(PipelineTables tables)
{
    public async Task UpsertAsync(Commitment commitment, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Commitments).ConfigureAwait(false);
        await table.UpsertEntityAsync(ToEntity(commitment), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(Commitment commitment, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Commitments).ConfigureAwait(false);
        await table.DeleteEntityAsync(TableKey.Escape(commitment.ProviderName), TableKey.Escape(commitment.Id), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Commitment> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Commitments).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["x_Definition"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return CommitmentJson.Deserialize(entity.GetString("x_Definition"));
        }
    }

    private static TableEntity ToEntity(Commitment c) => new(TableKey.Escape(c.ProviderName), TableKey.Escape(c.Id))
    {
        ["ContractCommitmentId"] = c.Id,
        ["ContractCommitmentDescription"] = c.Name,
        ["ContractCommitmentCategory"] = c.Category.ToString(),
        ["ContractCommitmentType"] = c.Category == CommitmentCategory.Spend ? "Spend commitment" : "Capacity commitment",
        ["ProviderName"] = c.ProviderName,
        ["BillingCurrency"] = c.Currency,
        ["ContractCommitmentCost"] = (double)c.TotalAmount,
        ["x_ContractCommitmentCostDecimal"] = c.TotalAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ContractPeriodStart"] = new DateTimeOffset(c.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        ["ContractPeriodEnd"] = new DateTimeOffset(c.End.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        ["x_Metric"] = c.Metric.ToString(),
        ["x_PeriodCount"] = c.Periods.Count,
        ["x_Owners"] = string.Join(';', c.Owners),
        ["x_Origin"] = c.Origin,
        ["x_ReportedBalance"] = (double?)c.ReportedBalance,
        ["x_ReportedUsed"] = (double?)c.ReportedUsed,
        ["x_ReportedBalanceAsOf"] = c.ReportedBalanceAsOf is { } asOf ? new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        ["x_Definition"] = CommitmentJson.Serialize(c),
    };
}
