using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Costs.Replacement;

/// <summary>
/// Applies a journal to <c>costs</c>: one entity group transaction per partition and 100 actions, several partitions
/// at a time. Re-applying is safe: when a transaction fails on a condition (the row moved since it was read) it is
/// replayed action by action, and an action whose row already holds the intended content (or is already gone) counts
/// as done, so a run finishing another's journal, or a retry after a lost response, converges. A row changed to
/// anything else means a newer replacement owns it: <see cref="CostReplacementConflictException"/>, nothing overwritten.
/// </summary>
internal static class JournalApplier
{
    private const int MaxParallelism = 8;

    public static async Task ApplyAsync(TableClient costs, IReadOnlyList<JournalAction> actions, Func<CancellationToken, Task> heartbeat, CancellationToken cancellationToken)
    {
        var batches = actions.GroupBy(a => a.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(Tables.TableBatchWriter.MaxBatchSize)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            await heartbeat(ct).ConfigureAwait(false);
            try
            {
                await costs.SubmitTransactionAsync(batch.Select(a => a.ToTransactionAction()), ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                foreach (var action in batch)
                {
                    await ApplyOneAsync(costs, action, ct).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);
    }

    private static async Task ApplyOneAsync(TableClient costs, JournalAction action, CancellationToken cancellationToken)
    {
        try
        {
            if (action.IsDelete)
            {
                await costs.DeleteEntityAsync(action.PartitionKey, action.RowKey, action.ExpectedETag ?? ETag.All, cancellationToken).ConfigureAwait(false);
            }
            else if (action.ExpectedETag is { } etag)
            {
                await costs.UpdateEntityAsync(action.Entity!, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await costs.AddEntityAsync(action.Entity!, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            var current = await costs.GetEntityIfExistsAsync<TableEntity>(action.PartitionKey, action.RowKey, [CostColumns.ContentHash], cancellationToken).ConfigureAwait(false);
            var done = action.IsDelete
                ? !current.HasValue
                : current.HasValue && current.Value!.GetString(CostColumns.ContentHash) == action.TargetHash;
            if (!done)
            {
                throw new CostReplacementConflictException(action.PartitionKey, action.RowKey);
            }
        }
    }
}
