namespace Pipeline.Core.Costs;

/// <summary>
/// The grouping key of the daily grain: day, billing period and every dimension id. Display names
/// (account, sub-account, region) are attributes of the ids, not part of the key.
/// </summary>
internal readonly record struct DailyDimensionKey(
    int ChargeDay,
    int BillingPeriodStart,
    int BillingPeriodEnd,
    int ProviderName,
    int BillingAccountId,
    int SubAccountId,
    int ServiceName,
    int ServiceCategory,
    int RegionId,
    int ChargeCategory,
    int ChargeClass,
    int PricingCategory,
    int BillingCurrency,
    int AcceleratorModel)
{
    public static DailyDimensionKey From(in CostLine line) => new(
        line.ChargeDay.DayNumber, line.BillingPeriodStart.DayNumber, line.BillingPeriodEnd.DayNumber,
        line.ProviderName, line.BillingAccountId, line.SubAccountId, line.ServiceName, line.ServiceCategory,
        line.RegionId, line.ChargeCategory, line.ChargeClass, line.PricingCategory, line.BillingCurrency, line.AcceleratorModel);
}
