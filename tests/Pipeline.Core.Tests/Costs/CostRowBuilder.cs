using Pipeline.Core.Costs;

namespace Pipeline.Core.Tests.Costs;

/// <summary>Test-data builder: a valid daily cost row with overridable parts.</summary>
internal static class CostRowBuilder
{
    public static CostRow Row(string day = "2025-03-10", decimal billed = 10m, string service = "Compute Engine", string account = "acct-1",
        string provider = "Google Cloud", string period = "2025-03-01", string source = "test") => new()
    {
        ChargePeriodStart = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
        BillingPeriodStart = DateOnly.Parse(period, System.Globalization.CultureInfo.InvariantCulture),
        BillingPeriodEnd = DateOnly.Parse(period, System.Globalization.CultureInfo.InvariantCulture).AddMonths(1),
        ProviderName = provider,
        BillingAccountId = account,
        ServiceName = service,
        ChargeCategory = "Usage",
        BillingCurrency = "USD",
        BilledCost = billed,
        EffectiveCost = billed,
        SourceKind = "export",
        Source = source,
    };
}
