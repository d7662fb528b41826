namespace Pipeline.Storage.Costs;

/// <summary>A run stalled past its lease on a billing account's costs and another run took the replacement over (and finishes it).</summary>
public sealed class CostReplacementLeaseLostException(string account, string runId)
    : InvalidOperationException($"Run {runId} lost its lease on the costs of {account}: it stalled and another run took the replacement over.");
