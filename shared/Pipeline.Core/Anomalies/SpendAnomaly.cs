namespace Pipeline.Core.Anomalies;

/// <summary>A day whose spend on one (provider, billing account, service) sits far above its seasonal baseline.</summary>
public sealed record SpendAnomaly(
    string ProviderName,
    string BillingAccountId,
    string ServiceName,
    string Currency,
    DateOnly Day,
    decimal Actual,
    decimal Baseline,
    decimal ZScore)
{
    public decimal Impact => Actual - Baseline;
}
