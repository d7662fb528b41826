namespace Pipeline.Connectors.Focus;

/// <summary>The FOCUS columns the daily aggregate reads, in a fixed order used as an index.</summary>
internal enum FocusColumn
{
    ChargePeriodStart,
    BillingPeriodStart,
    BillingPeriodEnd,
    ProviderName,
    BillingAccountId,
    BillingAccountName,
    SubAccountId,
    SubAccountName,
    ServiceName,
    ServiceCategory,
    RegionId,
    RegionName,
    ChargeCategory,
    ChargeClass,
    PricingCategory,
    BillingCurrency,
    BilledCost,
    EffectiveCost,
    ListCost,
    ContractedCost,
}
