using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Pipeline.Core.FxRates;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.FxRates;

/// <summary>The <c>fxrates</c> table: PartitionKey = <c>{from}|{to}</c>, RowKey = <c>yyyyMMdd</c>; Rate exact, with its source.</summary>
public sealed class FxRateStore(PipelineTables tables)
{
    public async Task UpsertAsync(IReadOnlyCollection<FxRate> rates, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.FxRates).ConfigureAwait(false);
        var actions = rates.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(
            TableKey.Join(r.From, r.To), r.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            ["From"] = r.From,
            ["To"] = r.To,
            ["Date"] = new DateTimeOffset(r.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            ["Rate"] = (double)r.Rate,
            ["x_RateDecimal"] = r.Rate.ToString(CultureInfo.InvariantCulture),
            ["Source"] = r.Source,
        }));
        await TableBatchWriter.SubmitAsync(table, actions, 4, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<FxRate> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.FxRates).ConfigureAwait(false);
        await foreach (var e in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new FxRate(
                DateOnly.FromDateTime(e.GetDateTimeOffset("Date")!.Value.UtcDateTime),
                e.GetString("From"), e.GetString("To"),
                decimal.Parse(e.GetString("x_RateDecimal"), NumberStyles.Float, CultureInfo.InvariantCulture),
                e.GetString("Source"));
        }
    }
}
