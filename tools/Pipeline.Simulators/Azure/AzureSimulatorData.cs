namespace Pipeline.Simulators.Azure;

/// <summary>
/// One daily Cost Management cell: subscription x service x location x day x charge type, actual and amortized. A
/// billing-level charge (a support plan, a marketplace purchase) has an empty subscription.
/// </summary>
public sealed record AzureSimulatedCost(DateOnly Day, string SubscriptionId, string SubscriptionName, string ServiceName, string Location, decimal Actual, decimal Amortized,
    string ChargeType = "Usage", string PricingModel = "OnDemand");

/// <summary>A Consumption lot of source ConsumptionCommitment (a MACC); <paramref name="BalanceAsOf"/> dates the last invoice's settlement event.</summary>
public sealed record AzureSimulatedLot(string Name, decimal OriginalAmount, decimal ClosedBalance, DateOnly Start, DateOnly Expiration, DateOnly? BalanceAsOf = null);

/// <summary>One Compute usages entry (a vCPU quota family) in a subscription and location.</summary>
public sealed record AzureSimulatedUsage(string SubscriptionId, string Location, string Family, string LocalizedName, int Current, int Limit);

/// <summary>A capacity reservation inside a capacity reservation group.</summary>
/// <summary>A capacity reservation: <paramref name="Capacity"/> reserved, <paramref name="Used"/> VMs allocated on it, <paramref name="Granted"/> held by Azure (default: all).</summary>
public sealed record AzureSimulatedReservation(string SubscriptionId, string ResourceGroup, string Group, string Name, string Location, string Sku, int Capacity, int Used, int? Granted = null);

/// <summary>What the Azure simulator serves.</summary>
public sealed record AzureSimulatorData(
    string BillingAccountId,
    string Currency,
    IReadOnlyList<AzureSimulatedCost> Costs,
    IReadOnlyList<AzureSimulatedLot> Lots,
    IReadOnlyList<AzureSimulatedUsage> Usages,
    IReadOnlyList<AzureSimulatedReservation> Reservations);
