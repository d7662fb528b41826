using Pipeline.Core.Anomalies;

namespace Pipeline.Application.Anomalies;

/// <summary>
/// What one spend-anomaly pass sees, the input of its alert rules: the cost rows of the evaluated days and their
/// baseline weeks, the days evaluated, the commitments (whose owners hear about their accounts) and the thresholds.
/// </summary>
public sealed record SpendPass(IReadOnlyList<CostRow> Rows, IReadOnlyList<DateOnly> Days, IReadOnlyList<Commitment> Commitments, AnomalyThresholds Thresholds);
