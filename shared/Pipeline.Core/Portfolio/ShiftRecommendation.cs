namespace Pipeline.Core.Portfolio;

/// <summary>
/// Move <see cref="PerDay"/> of workload spend from the over-burning <see cref="FromCommitmentId"/> to the
/// under-burning <see cref="ToCommitmentId"/> for <see cref="Days"/> days: the first still meets its amount,
/// the second's projected shortfall shrinks by <see cref="Total"/>.
/// </summary>
public sealed record ShiftRecommendation(
    string FromCommitmentId,
    string FromProvider,
    string ToCommitmentId,
    string ToProvider,
    string Currency,
    decimal PerDay,
    int Days,
    decimal Total,
    decimal ToShortfallBefore,
    decimal ToShortfallAfter);
