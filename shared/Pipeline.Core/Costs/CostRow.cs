namespace Pipeline.Core.Costs;

/// <summary>
/// One normalized row of the <c>costs</c> table: one UTC day x one dimension set, FOCUS 1.2 column names.
/// ChargePeriodEnd is always ChargePeriodStart + 1 day. Amounts are exact decimals in BillingCurrency.
/// </summary>
public sealed record CostRow
{
    public required DateOnly ChargePeriodStart { get; init; }

    public DateOnly ChargePeriodEnd => ChargePeriodStart.AddDays(1);

    public required DateOnly BillingPeriodStart { get; init; }

    public required DateOnly BillingPeriodEnd { get; init; }

    public required string ProviderName { get; init; }

    public required string BillingAccountId { get; init; }

    public string? BillingAccountName { get; init; }

    public string? SubAccountId { get; init; }

    public string? SubAccountName { get; init; }

    public string? ServiceName { get; init; }

    public string? ServiceCategory { get; init; }

    public string? RegionId { get; init; }

    public string? RegionName { get; init; }

    public required string ChargeCategory { get; init; }

    public string? ChargeClass { get; init; }

    public string? PricingCategory { get; init; }

    public required string BillingCurrency { get; init; }

    public required decimal BilledCost { get; init; }

    public required decimal EffectiveCost { get; init; }

    /// <summary>Null unless every source row that was summed into this one carried a ListCost.</summary>
    public decimal? ListCost { get; init; }

    /// <summary>Null unless every source row that was summed into this one carried a ContractedCost.</summary>
    public decimal? ContractedCost { get; init; }

    /// <summary>Normalized accelerator model (H100, A100-80GB, ...) when the source lets us derive it.</summary>
    public string? AcceleratorModel { get; init; }

    /// <summary><c>x_SourceKind</c>: <c>export</c> (FOCUS files) or <c>api</c> (provider billing API).</summary>
    public required string SourceKind { get; init; }

    /// <summary><c>x_Source</c>: the ingestion source that owns this row for window replacement.</summary>
    public required string Source { get; init; }

    /// <summary><c>x_Estimated</c>: the provider marks the amounts as not final yet (Cost Explorer's Estimated).</summary>
    public bool Estimated { get; init; }

    /// <summary>Number of source rows summed into this one (<c>x_SourceRowCount</c>).</summary>
    public long SourceRowCount { get; init; } = 1;
}
