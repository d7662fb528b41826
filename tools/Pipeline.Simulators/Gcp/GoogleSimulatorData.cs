namespace Pipeline.Simulators.Gcp;

/// <summary>One aggregated billing-export cell (what the pipeline's SQL returns): day x project x service x region x cost type.</summary>
public sealed record GoogleSimulatedCost(DateOnly Day, string? ProjectId, string? ProjectName, string Service, string? Region, string CostType,
    decimal Cost, decimal DiscountCredits, decimal OtherCredits);

/// <summary>A regional quota of a project.</summary>
public sealed record GoogleSimulatedQuota(string Project, string Region, string Metric, decimal Limit, decimal Usage);

/// <summary>A specific reservation in a zone.</summary>
public sealed record GoogleSimulatedReservation(string Project, string Zone, string Name, string MachineType, int Count, int InUse);

/// <summary>What the Google simulator serves.</summary>
public sealed record GoogleSimulatorData(
    string BillingAccountId,
    string BillingAccountName,
    string Currency,
    IReadOnlyList<GoogleSimulatedCost> Costs,
    IReadOnlyList<GoogleSimulatedQuota> Quotas,
    IReadOnlyList<GoogleSimulatedReservation> Reservations);
