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

    /// <summary>Required for spend commitments; empty for capacity commitments.</summary>
    public string Currency { get; init; } = string.Empty;

    public CommitmentMetric Metric { get; init; } = CommitmentMetric.EffectiveCost;

    /// <summary>Spend periods (at least one for a spend commitment; none for a capacity commitment).</summary>
    public IReadOnlyList<CommitmentPeriod> Periods { get; init; } = [];

    /// <summary>Capacity commitments: the normalized accelerator model contracted.</summary>
    public string? AcceleratorModel { get; init; }

    /// <summary>Capacity commitments: regions whose capacity counts; empty means all.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Capacity commitments: contracted GPUs by date, in date order.</summary>
    public IReadOnlyList<CapacityDelivery> Deliveries { get; init; } = [];

    public CommitmentEligibility Eligibility { get; init; } = new();

    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary><c>file</c> when imported from the commitments file, <c>provider</c> when kept in sync from a provider API.</summary>
    public string Origin { get; init; } = "file";

    /// <summary>Provider-sourced commitments: the balance left as the provider reports it (Azure MACC closedBalance).</summary>
    public decimal? ReportedBalance { get; init; }

    /// <summary>
    /// The day <see cref="ReportedBalance"/> stands at, where the provider says (Azure: the last invoice's settlement,
    /// from the Consumption events). Not today's balance: spend since then is not in it.
    /// </summary>
    public DateOnly? ReportedBalanceAsOf { get; init; }

    /// <summary>Provider-sourced commitments: the amount the provider reports as used.</summary>
    public decimal? ReportedUsed { get; init; }

    public DateOnly Start => Periods.Count > 0 ? Periods[0].Start : Deliveries.Count > 0 ? Deliveries[0].Date : DateOnly.MinValue;

    public DateOnly End => Periods.Count > 0 ? Periods[^1].End : DateOnly.MaxValue;

    /// <summary>GPUs contracted on <paramref name="day"/>: the latest delivery dated on or before it (0 before the first).</summary>
    public int ContractedGpus(DateOnly day) => Deliveries.LastOrDefault(d => d.Date <= day)?.Gpus ?? 0;

    public decimal TotalAmount => Periods.Sum(p => p.Amount);

    /// <summary>The period containing <paramref name="day"/>, else null.</summary>
    public CommitmentPeriod? PeriodOn(DateOnly day) => Periods.FirstOrDefault(p => p.Contains(day));

    /// <summary>
    /// Whether this commitment takes in the costs of one billing account of one provider: its provider (in any casing)
    /// and, when it lists billing accounts, one of them (in any casing). The one place this is decided.
    /// </summary>
    public bool CoversAccount(string providerName, string billingAccountId) =>
        string.Equals(ProviderName, providerName, StringComparison.OrdinalIgnoreCase)
        && (Eligibility.BillingAccountIds.Count == 0 || Eligibility.BillingAccountIds.Contains(billingAccountId, StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether a cost row counts toward this commitment: its account is covered and the row is eligible.</summary>
    public bool Counts(Costs.CostRow row) =>
        CoversAccount(row.ProviderName, row.BillingAccountId) && Eligibility.Matches(row.BillingAccountId, row.SubAccountId, row.ServiceCategory, row.ServiceName);
}
