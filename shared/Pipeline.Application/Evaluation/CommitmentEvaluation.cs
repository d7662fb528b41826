using Pipeline.Core.BurnRate;
using Pipeline.Core.Commitments;

namespace Pipeline.Application.Evaluation;

/// <summary>The outcome for one commitment: a snapshot, or the data-quality problem that prevented one.</summary>
public sealed record CommitmentEvaluation(Commitment Commitment, BurnRateSnapshot? Snapshot, string? Problem);
