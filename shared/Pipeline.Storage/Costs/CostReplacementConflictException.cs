namespace Pipeline.Storage.Costs;

/// <summary>
/// A replacement found a <c>costs</c> row changed by someone else since it read it: a newer replacement owns the row
/// (this run lost its lease while stalled). Nothing was overwritten; the run fails and the next one starts afresh.
/// </summary>
public sealed class CostReplacementConflictException(string partitionKey, string rowKey)
    : InvalidOperationException($"costs row {partitionKey}/{rowKey} was changed by another replacement while this one ran; nothing was overwritten, re-run the ingest.");
