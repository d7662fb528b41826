using Pipeline.Core.Costs;

namespace Pipeline.Core.Ingestion;

public static class ReplacementScopes
{
    /// <summary>
    /// Scopes for a FOCUS export: exports are partitioned by billing period and each partition is rewritten
    /// whole, so one scope per (provider, account, billing period) covering that period's days and every charge
    /// day that the period's rows carry (corrections can be charged to earlier days).
    /// </summary>
    public static IReadOnlyList<ReplacementScope> ForBillingPeriods(IEnumerable<CostRow> rows, string source) =>
        rows.GroupBy(r => (r.ProviderName, r.BillingAccountId, r.BillingPeriodStart))
            .Select(g =>
            {
                var from = g.Min(r => r.ChargePeriodStart);
                var to = g.Max(r => r.ChargePeriodEnd);
                var periodEnd = g.Max(r => r.BillingPeriodEnd);
                return new ReplacementScope(
                    source,
                    g.Key.ProviderName,
                    g.Key.BillingAccountId,
                    from < g.Key.BillingPeriodStart ? from : g.Key.BillingPeriodStart,
                    to > periodEnd ? to : periodEnd,
                    g.Key.BillingPeriodStart);
            })
            .OrderBy(s => s.ProviderName, StringComparer.Ordinal)
            .ThenBy(s => s.BillingAccountId, StringComparer.Ordinal)
            .ThenBy(s => s.BillingPeriodStart)
            .ToList();
}
