namespace Pipeline.Storage.Costs;

/// <summary>Column names of the <c>costs</c> table: FOCUS 1.2 names, and ours with the <c>x_</c> prefix.</summary>
public static class CostColumns
{
    public const string ChargePeriodStart = "ChargePeriodStart";
    public const string ChargePeriodEnd = "ChargePeriodEnd";
    public const string BillingPeriodStart = "BillingPeriodStart";
    public const string BillingPeriodEnd = "BillingPeriodEnd";
    public const string ProviderName = "ProviderName";
    public const string BillingAccountId = "BillingAccountId";
    public const string BillingAccountName = "BillingAccountName";
    public const string SubAccountId = "SubAccountId";
    public const string SubAccountName = "SubAccountName";
    public const string ServiceName = "ServiceName";
    public const string ServiceCategory = "ServiceCategory";
    public const string RegionId = "RegionId";
    public const string RegionName = "RegionName";
    public const string ChargeCategory = "ChargeCategory";
    public const string ChargeClass = "ChargeClass";
    public const string PricingCategory = "PricingCategory";
    public const string BillingCurrency = "BillingCurrency";
    public const string BilledCost = "BilledCost";
    public const string EffectiveCost = "EffectiveCost";
    public const string ListCost = "ListCost";
    public const string ContractedCost = "ContractedCost";
    public const string AcceleratorModel = "x_AcceleratorModel";
    public const string SourceKind = "x_SourceKind";
    public const string Source = "x_Source";
    public const string SourceRowCount = "x_SourceRowCount";
    public const string Estimated = "x_Estimated";
    public const string IngestedAt = "x_IngestedAt";
    public const string RunId = "x_RunId";
    public const string ContentHash = "x_ContentHash";

    /// <summary>The exact decimal twin of an amount column: <c>BilledCost</c> -> <c>x_BilledCostDecimal</c>.</summary>
    public static string ExactTwin(string amountColumn) => $"x_{amountColumn}Decimal";
}
