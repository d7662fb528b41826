namespace Pipeline.Application.Ingestion;

/// <summary>A successful ingest: the run as recorded, and the evaluations its changes call for.</summary>
public sealed record IngestionOutcome(RunRecord Run, IReadOnlyList<EvaluationRequest> Evaluations);
