namespace Pipeline.Application.Evaluation;

public sealed record EvaluationReport(IReadOnlyList<CommitmentEvaluation> Commitments, int NotificationsEnqueued);
