namespace Pipeline.Core.BurnRate;

/// <summary>
/// A commitment's position as of one day (one <c>burnrate</c> row). Amounts are in the commitment's currency;
/// rates are per day; forecasts are of the period total.
/// </summary>
public sealed record BurnRateSnapshot
{
    public required string ContractCommitmentId { get; init; }

    public required DateOnly AsOf { get; init; }

    public required DateOnly PeriodStart { get; init; }

    /// <summary>Exclusive.</summary>
    public required DateOnly PeriodEnd { get; init; }

    public required decimal PeriodAmount { get; init; }

    public required string Currency { get; init; }

    public required decimal Consumed { get; init; }

    public required decimal Expected { get; init; }

    public decimal? PaceRatio { get; init; }

    public required decimal Rate7 { get; init; }

    public required decimal Rate30 { get; init; }

    public decimal? RequiredRate { get; init; }

    public decimal? BurnRatio { get; init; }

    public required decimal ForecastP10 { get; init; }

    public required decimal ForecastP50 { get; init; }

    public required decimal ForecastP90 { get; init; }

    public required decimal ProjectedShortfall { get; init; }

    public DateOnly? ExhaustionDate { get; init; }

    public required BurnStatus Status { get; init; }

    /// <summary>Cumulative consumption per day of the period up to <see cref="AsOf"/>, for charts.</summary>
    public IReadOnlyList<decimal> CumulativeConsumed { get; init; } = [];

    /// <summary>Forecast median of the daily spend for each remaining day of the period.</summary>
    public IReadOnlyList<decimal> ForecastDaily { get; init; } = [];

    public int DaysRemaining => Math.Max(0, PeriodEnd.DayNumber - AsOf.DayNumber - 1);

    /// <summary>Signed share of the amount projected to be missed (negative when over-consumed).</summary>
    public decimal? ShortfallShare => PeriodAmount == 0 ? null : (PeriodAmount - ForecastP50) / PeriodAmount;
}
