namespace Pipeline.Application.Evaluation;

/// <summary>What one commitment evaluation pass found, the input of its alert rules.</summary>
public sealed record CommitmentPass(IReadOnlyList<CommitmentEvaluation> Evaluations)
{
    /// <summary>The commitments that got a burn-rate snapshot.</summary>
    public IEnumerable<CommitmentEvaluation> Evaluated => Evaluations.Where(e => e.Snapshot is not null);
}
