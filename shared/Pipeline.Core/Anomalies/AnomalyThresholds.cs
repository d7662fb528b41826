namespace Pipeline.Core.Anomalies;

/// <summary>Both must pass: a spike must be statistically unusual and large enough to matter.</summary>
public sealed record AnomalyThresholds(decimal MinZScore = 4m, decimal MinImpact = 1_000m, int BaselineWeeks = 8, int MinBaselinePoints = 4);
