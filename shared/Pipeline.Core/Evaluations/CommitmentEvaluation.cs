using Pipeline.Core.BurnRate;
using Pipeline.Core.Commitments;

namespace Pipeline.Core.Evaluations;

/// <summary>The outcome for one commitment: a snapshot, or the data-quality problem that prevented one.</summary>
public sealed record CommitmentEvaluation(Commitment Commitment, BurnRateSnapshot? Snapshot, string? Problem);
