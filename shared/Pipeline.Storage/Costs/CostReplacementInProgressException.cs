namespace Pipeline.Storage.Costs;

/// <summary>Another run kept replacing the same billing account's costs for longer than a reader or writer waits; retry later.</summary>
public sealed class CostReplacementInProgressException(string account, string runId, TimeSpan waited)
    : InvalidOperationException($"Costs of {account} are still being replaced by run {runId} after {waited.TotalSeconds:0} s of waiting; retry later.");
