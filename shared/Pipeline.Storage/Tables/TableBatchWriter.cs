using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Tables;

/// <summary>
/// Writes many actions as entity group transactions: at most 100 per partition per transaction, several
/// partitions in parallel (bounded). Deleting a row that a concurrent writer already deleted is success,
/// which is what lets two ingests of the same window converge.
/// </summary>
public static class TableBatchWriter
{
    public const int MaxBatchSize = 100;

    public static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, int maxParallelism,
        CancellationToken cancellationToken)
    {
        var batches = actions
            .GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(MaxBatchSize))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
            async (batch, ct) => await SubmitBatchAsync(table, batch, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task SubmitBatchAsync(TableClient table, TableTransactionAction[] batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // A row to delete is already gone: replay the batch one action at a time, tolerating exactly that.
            foreach (var action in batch)
            {
                await SubmitOneAsync(table, action, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task SubmitOneAsync(TableClient table, TableTransactionAction action, CancellationToken cancellationToken)
    {
        switch (action.ActionType)
        {
            case TableTransactionActionType.Delete:
                try
                {
                    await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                }

                break;
            case TableTransactionActionType.UpsertReplace:
                await table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                break;
            case TableTransactionActionType.UpsertMerge:
                await table.UpsertEntityAsync(action.Entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"Unexpected table action {action.ActionType} in a replay.");
        }
    }
}
