namespace Pipeline.Core.Commitments;

/// <summary>
/// A contract commitment, in the shape of FOCUS 1.3's Contract Commitment dataset: an id, a category, a currency,
/// one or more periods with amounts (a ramp), the metric that burns it and the rows that are eligible.
/// </summary>
public sealed record Commitment
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string ProviderName { get; init; }

    public CommitmentCategory Category { get; init; } = CommitmentCategory.Spend;

    public required string Currency { get; init; }

    public CommitmentMetric Metric { get; init; } = CommitmentMetric.EffectiveCost;

    public required IReadOnlyList<CommitmentPeriod> Periods { get; init; }

    public CommitmentEligibility Eligibility { get; init; } = new();

    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary><c>file</c> when imported from the commitments file, <c>provider</c> when kept in sync from a provider API.</summary>
    public string Origin { get; init; } = "file";

    public DateOnly Start => Periods[0].Start;

    public DateOnly End => Periods[^1].End;

    public decimal TotalAmount => Periods.Sum(p => p.Amount);

    /// <summary>The period containing <paramref name="day"/>, else null.</summary>
    public CommitmentPeriod? PeriodOn(DateOnly day) => Periods.FirstOrDefault(p => p.Contains(day));
}
