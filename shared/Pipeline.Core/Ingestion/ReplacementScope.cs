namespace Pipeline.Core.Ingestion;

/// <summary>
/// The slice of the <c>costs</c> table that one pull replaces: the rows of <paramref name="Source"/> for one
/// provider and billing account whose charge day is in [<paramref name="From"/>, <paramref name="To"/>) and,
/// when <paramref name="BillingPeriodStart"/> is set, whose billing period starts then. Rows in the slice that
/// the pull no longer contains are deleted, so restatements and removals are reflected exactly once.
/// </summary>
public sealed record ReplacementScope(
    string Source,
    string ProviderName,
    string BillingAccountId,
    DateOnly From,
    DateOnly To,
    DateOnly? BillingPeriodStart = null)
{
    public bool Contains(DateOnly chargeDay, DateOnly billingPeriodStart) =>
        chargeDay >= From && chargeDay < To && (BillingPeriodStart is null || BillingPeriodStart == billingPeriodStart);
}
