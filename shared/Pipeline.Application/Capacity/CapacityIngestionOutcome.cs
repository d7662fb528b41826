namespace Pipeline.Application.Capacity;

public sealed record CapacityIngestionOutcome(RunRecord Run, IReadOnlyList<CapacityRecord> Records, IReadOnlyList<string> UnknownFamilies, IReadOnlyList<EvaluationRequest> Evaluations);
