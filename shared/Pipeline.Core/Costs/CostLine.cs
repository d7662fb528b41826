namespace Pipeline.Core.Costs;

/// <summary>
/// One source row reduced to what the daily aggregate needs. Text values are ids in the aggregator's
/// <see cref="Text.StringPool"/>, already canonical (see <see cref="FocusValues"/>).
/// </summary>
public struct CostLine
{
    public DateOnly ChargeDay;
    public DateOnly BillingPeriodStart;
    public DateOnly BillingPeriodEnd;
    public int ProviderName;
    public int BillingAccountId;
    public int BillingAccountName;
    public int SubAccountId;
    public int SubAccountName;
    public int ServiceName;
    public int ServiceCategory;
    public int RegionId;
    public int RegionName;
    public int ChargeCategory;
    public int ChargeClass;
    public int PricingCategory;
    public int BillingCurrency;
    public int AcceleratorModel;
    public decimal BilledCost;
    public decimal EffectiveCost;
    public decimal? ListCost;
    public decimal? ContractedCost;
    public bool Estimated;
}
