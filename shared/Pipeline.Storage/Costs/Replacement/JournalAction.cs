using Azure;
using Azure.Data.Tables;

namespace Pipeline.Storage.Costs.Replacement;

/// <summary>
/// One change of a replacement, conditional on what the writer read: an upsert of <paramref name="Entity"/> (an insert
/// when <paramref name="ExpectedETag"/> is null) or a delete. Conditions make a late write of a run that lost its lease
/// fail instead of overwriting a newer replacement; the content hash tells an action already applied from a conflict.
/// </summary>
internal sealed record JournalAction(bool IsDelete, string PartitionKey, string RowKey, ETag? ExpectedETag, TableEntity? Entity)
{
    public string? TargetHash => Entity?.GetString(CostColumns.ContentHash);

    public TableTransactionAction ToTransactionAction() => IsDelete
        ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionKey, RowKey), ExpectedETag ?? ETag.All)
        : ExpectedETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity!, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, Entity!);
}
