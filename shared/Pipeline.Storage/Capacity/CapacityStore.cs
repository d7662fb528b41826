using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Pipeline.Core.Capacity;
using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Capacity;

/// <summary>
/// <c>capacity</c> holds the latest snapshot: writing a provider account's snapshot replaces its previous rows (a
/// reservation that ended disappears). An account absent from a snapshot keeps its rows: a connector that queried an
/// account and found nothing still reports the account's quotas, so absence means "not looked at". <c>capacityhistory</c> keeps one row per day (the day's last snapshot wins).
/// </summary>
public sealed class CapacityStore(PipelineTables tables)
{
    public async Task<(int Written, int Removed)> ReplaceSnapshotAsync(IReadOnlyCollection<CapacityRecord> records, CancellationToken cancellationToken = default)
    {
        // One row per key: a provider listing the same quota twice (or a region configured twice) must not fail the batch.
        records = records.GroupBy(r => (CapacityEntityMapper.PartitionKey(r), CapacityEntityMapper.RowKey(r))).Select(g => g.Last()).ToList();
        var latest = await tables.GetAsync(PipelineTables.Capacity).ConfigureAwait(false);
        var history = await tables.GetAsync(PipelineTables.CapacityHistory).ConfigureAwait(false);
        var actions = records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            CapacityEntityMapper.ToEntity(r, CapacityEntityMapper.PartitionKey(r), CapacityEntityMapper.RowKey(r)))).ToList();
        var keep = actions.Select(a => (a.Entity.PartitionKey, a.Entity.RowKey)).ToHashSet();
        var deletes = new List<TableTransactionAction>();
        foreach (var partition in keep.Select(k => k.PartitionKey).Distinct())
        {
            await foreach (var e in latest.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"],
                               cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!keep.Contains((e.PartitionKey, e.RowKey)))
                {
                    deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(e.PartitionKey, e.RowKey), ETag.All));
                }
            }
        }

        await TableBatchWriter.SubmitAsync(latest, actions.Concat(deletes), 8, cancellationToken).ConfigureAwait(false);
        await TableBatchWriter.SubmitAsync(history, records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            CapacityEntityMapper.ToEntity(r, CapacityEntityMapper.HistoryPartitionKey(r), CapacityEntityMapper.HistoryRowKey(r)))), 8, cancellationToken).ConfigureAwait(false);
        return (actions.Count, deletes.Count);
    }

    public async IAsyncEnumerable<CapacityRecord> ListLatestAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.Capacity).ConfigureAwait(false);
        await foreach (var e in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return CapacityEntityMapper.FromEntity(e);
        }
    }

    /// <summary>History rows of one provider with a snapshot day in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public async IAsyncEnumerable<CapacityRecord> ListHistoryAsync(string provider, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(PipelineTables.CapacityHistory).ConfigureAwait(false);
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var partition = TableKey.Join(provider, month.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)} and RowKey lt {to.AddDays(1).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)}");
            await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return CapacityEntityMapper.FromEntity(e);
            }
        }
    }
}
