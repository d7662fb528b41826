using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;

namespace Pipeline.Storage.Tests.Costs;

internal static class CostRows
{
    public static CostRow Row(DateOnly day, decimal billed, string service = "Compute", string account = "acct/1#x?", string source = "focus-exports") => new()
    {
        ChargePeriodStart = day,
        BillingPeriodStart = new DateOnly(day.Year, day.Month, 1),
        BillingPeriodEnd = new DateOnly(day.Year, day.Month, 1).AddMonths(1),
        ProviderName = "Microsoft",
        BillingAccountId = account,
        ServiceName = service,
        ChargeCategory = "Usage",
        BillingCurrency = "USD",
        BilledCost = billed,
        EffectiveCost = billed,
        SourceKind = "export",
        Source = source,
    };

    public static List<CostRow> March(decimal perDay = 10m, string service = "Compute") =>
        Enumerable.Range(1, 31).Select(d => Row(new DateOnly(2025, 3, d), perDay + d, service)).ToList();

    public static IReadOnlyList<ReplacementScope> Scopes(IEnumerable<CostRow> rows) => ReplacementScopes.ForBillingPeriods(rows, "focus-exports");
}
