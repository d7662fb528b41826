namespace Pipeline.Core.Commitments;

/// <summary>FOCUS 1.3 ContractCommitmentCategory.</summary>
public enum CommitmentCategory
{
    /// <summary>A monetary commitment (MACC, EDP / private pricing, Google commit, Oracle Universal Credits).</summary>
    Spend,

    /// <summary>A quantity commitment (contracted GPUs); see the capacity model.</summary>
    Usage,
}
