namespace Pipeline.Core.Commitments;

/// <summary>Which cost column burns down a spend commitment.</summary>
public enum CommitmentMetric
{
    EffectiveCost,
    BilledCost,
}
