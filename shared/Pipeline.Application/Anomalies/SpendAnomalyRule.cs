using Pipeline.Core.Anomalies;

namespace Pipeline.Application.Anomalies;

/// <summary>
/// <c>spend-anomaly</c>: spend spikes per (provider, billing account, service) on EffectiveCost (so a reservation
/// purchase is not a "spike"), one alert per provider account and day grouping its services. Every evaluated day of
/// every account with costs is in scope, so a day re-evaluated without a spike resolves its alert.
/// </summary>
public sealed class SpendAnomalyRule() : AlertRule<SpendPass>(RuleId)
{
    public const string RuleId = "spend-anomaly";

    public override AlertScope Scope(SpendPass input) =>
        new(input.Rows.Select(r => (r.ProviderName, r.BillingAccountId)).Distinct()
            .SelectMany(account => input.Days.Select(day => Subject(account.ProviderName, account.BillingAccountId, day))).ToList());

    public override IEnumerable<AlertCondition> Evaluate(SpendPass input)
    {
        var anomalies = new List<SpendAnomaly>();
        foreach (var series in input.Rows.GroupBy(r => (r.ProviderName, r.BillingAccountId, Service: r.ServiceName ?? "(no service)", r.BillingCurrency)))
        {
            var daily = series.GroupBy(r => r.ChargePeriodStart).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));
            anomalies.AddRange(AnomalyDetector.Detect(daily, input.Days, input.Thresholds)
                .Select(a => new SpendAnomaly(series.Key.ProviderName, series.Key.BillingAccountId, series.Key.Service, series.Key.BillingCurrency, a.Day, a.Actual, a.Baseline, a.ZScore)));
        }

        return anomalies.GroupBy(a => (a.ProviderName, a.BillingAccountId, a.Day))
            .Select(g => Condition(g.ToList(), Recipients(input, g.Key.ProviderName, g.Key.BillingAccountId), input.Thresholds));
    }

    private static string Subject(string provider, string account, DateOnly day) => $"{provider}|{account}|{day:yyyy-MM-dd}";

    private static List<string> Recipients(SpendPass input, string provider, string account) =>
        input.Commitments.Where(c => c.CoversAccount(provider, account)).SelectMany(c => c.Owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static AlertCondition Condition(List<SpendAnomaly> anomalies, List<string> recipients, AnomalyThresholds thresholds)
    {
        var first = anomalies[0];
        var impact = anomalies.Sum(a => a.Impact);
        var money = (decimal v) => MoneyFormat.Compact(v, first.Currency);
        var services = anomalies.OrderByDescending(a => a.Impact).ToList();
        return new AlertCondition
        {
            Rule = RuleId,
            SubjectKey = Subject(first.ProviderName, first.BillingAccountId, first.Day),
            Severity = impact >= thresholds.MinImpact * 10 ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"[SPEND SPIKE] {first.ProviderName} {first.BillingAccountId}: +{money(impact)} above baseline on {first.Day:yyyy-MM-dd}"
                    + (services.Count > 1 ? $" ({services.Count} services)" : $" ({services[0].ServiceName})"),
            Summary = $"On {first.Day:yyyy-MM-dd}, {services.Count} service(s) of {first.ProviderName} account {first.BillingAccountId} spent {money(services.Sum(a => a.Actual))} "
                      + $"against a baseline of {money(services.Sum(a => a.Baseline))} (median of the same weekday in the previous {thresholds.BaselineWeeks} weeks).",
            Facts = services.Select(a => new KeyValuePair<string, string>(a.ServiceName,
                $"{MoneyFormat.Full(a.Actual, a.Currency)} vs baseline {MoneyFormat.Full(a.Baseline, a.Currency)} (z = {a.ZScore.ToString("0.0", CultureInfo.InvariantCulture)})")).ToList(),
            Fingerprint = $"{services.Count}|{(Math.Round(impact / 1_000m) * 1_000m).ToString(CultureInfo.InvariantCulture)}",
            Recipients = recipients,
            AsOf = first.Day,
        };
    }
}
