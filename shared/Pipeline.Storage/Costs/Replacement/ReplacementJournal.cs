using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Costs.Replacement;

/// <summary>
/// The write-ahead journal of a replacement in <c>costreplacements</c>: every action, written before the first
/// <c>costs</c> row is touched, so whoever finds the run dead can finish it exactly as it was meant. Partition
/// <c>{head key}|{run id}</c>; each row is the target entity's columns plus <c>j_*</c> bookkeeping.
/// </summary>
internal sealed class ReplacementJournal(TableClient table)
{
    private const string Action = "j_Action";
    private const string TargetPartition = "j_PartitionKey";
    private const string TargetRow = "j_RowKey";
    private const string Expected = "j_ExpectedETag";

    public static string PartitionOf(string headKey, string runId) => $"{headKey}|{runId}";

    public async Task WriteAsync(string headKey, string runId, IReadOnlyList<JournalAction> actions, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(headKey, runId);
        var rows = actions.Select((a, i) =>
        {
            var row = a.Entity is null ? new TableEntity() : new TableEntity(a.Entity.Where(p => !IsSystem(p.Key)).ToDictionary(p => p.Key, p => p.Value));
            row.PartitionKey = partition;
            row.RowKey = i.ToString("D7", CultureInfo.InvariantCulture);
            row[Action] = a.IsDelete ? "Delete" : "Upsert";
            row[TargetPartition] = a.PartitionKey;
            row[TargetRow] = a.RowKey;
            row[Expected] = a.ExpectedETag?.ToString();
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, row);
        }).ToList();
        await Tables.TableBatchWriter.SubmitAsync(table, rows, 8, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<JournalAction>> ReadAsync(string headKey, string runId, CancellationToken cancellationToken)
    {
        var actions = new List<JournalAction>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(headKey, runId)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var expected = row.GetString(Expected) is { Length: > 0 } e ? new ETag(e) : (ETag?)null;
            var partition = row.GetString(TargetPartition);
            var key = row.GetString(TargetRow);
            if (row.GetString(Action) == "Delete")
            {
                actions.Add(new JournalAction(true, partition, key, expected, null));
                continue;
            }

            var entity = new TableEntity(row.Where(p => !IsSystem(p.Key) && !p.Key.StartsWith("j_", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value))
            {
                PartitionKey = partition,
                RowKey = key,
            };
            actions.Add(new JournalAction(false, partition, key, expected, entity));
        }

        return actions;
    }

    /// <summary>Best effort: a journal left behind is unreferenced once its head moved on, and harmless.</summary>
    public async Task DeleteAsync(string headKey, string runId, CancellationToken cancellationToken)
    {
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(headKey, runId)}");
            var deletes = new List<TableTransactionAction>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), ETag.All));
            }

            await Tables.TableBatchWriter.SubmitAsync(table, deletes, 8, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
        }
    }

    private static bool IsSystem(string name) => name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag";
}
