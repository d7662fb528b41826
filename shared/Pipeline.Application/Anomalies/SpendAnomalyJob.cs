using System.Globalization;
using Microsoft.Extensions.Options;
using Pipeline.Application.Alerts;
using Pipeline.Application.Options;
using Pipeline.Core.Alerts;
using Pipeline.Core.Anomalies;
using Pipeline.Core.Commitments;
using Pipeline.Core.Costs;
using Pipeline.Core.Evaluations;
using Pipeline.Core.Money;
using Pipeline.Storage.Commitments;
using Pipeline.Storage.Costs;

namespace Pipeline.Application.Anomalies;

/// <summary>
/// Finds spend spikes per (provider, billing account, service) on EffectiveCost (so a reservation purchase is not a
/// "spike") and raises one <c>spend-anomaly</c> alert per provider account and day, grouping its services.
/// Days re-evaluated without a spike resolve their alert.
/// </summary>
public sealed class SpendAnomalyJob(CostStore costs, CommitmentStore commitments, AlertService alerts, IOptions<AnomalyOptions> options, TimeProvider time)
{
    public const string Rule = "spend-anomaly";

    public async Task<int> RunAsync(EvaluationRequest? request, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var thresholds = new AnomalyThresholds(settings.MinZScore, settings.MinImpact);
        var lastDay = asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var from = lastDay.AddDays(1 - settings.LookbackDays);
        var to = lastDay;
        if (request is not null)
        {
            from = request.From > from ? request.From : from;
            to = request.To.AddDays(-1) < to ? request.To.AddDays(-1) : to;
        }

        if (to < from)
        {
            return 0;
        }

        var readFrom = from.AddDays(-7 * thresholds.BaselineWeeks);
        var rows = new List<CostRow>();
        var query = request is null ? costs.QueryAllAsync(readFrom, to, cancellationToken) : costs.QueryProviderAsync(request.ProviderName, readFrom, to, cancellationToken);
        await foreach (var row in query.ConfigureAwait(false))
        {
            if (request is null || row.BillingAccountId == request.BillingAccountId)
            {
                rows.Add(row);
            }
        }

        var owners = new List<Commitment>();
        await foreach (var commitment in commitments.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            owners.Add(commitment);
        }

        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var anomalies = new List<SpendAnomaly>();
        foreach (var series in rows.GroupBy(r => (r.ProviderName, r.BillingAccountId, Service: r.ServiceName ?? "(no service)", r.BillingCurrency)))
        {
            var daily = series.GroupBy(r => r.ChargePeriodStart).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));
            anomalies.AddRange(AnomalyDetector.Detect(daily, days, thresholds)
                .Select(a => new SpendAnomaly(series.Key.ProviderName, series.Key.BillingAccountId, series.Key.Service, series.Key.BillingCurrency, a.Day, a.Actual, a.Baseline, a.ZScore)));
        }

        var subjects = rows.Select(r => (r.ProviderName, r.BillingAccountId)).Distinct()
            .SelectMany(account => days.Select(day => Subject(account.ProviderName, account.BillingAccountId, day))).ToList();
        var conditions = anomalies.GroupBy(a => (a.ProviderName, a.BillingAccountId, a.Day))
            .Select(g => Condition(g.ToList(), Recipients(owners, g.Key.ProviderName, g.Key.BillingAccountId), thresholds))
            .ToList();
        return await alerts.ApplyAsync(Rule, subjects, conditions, cancellationToken).ConfigureAwait(false);
    }

    private static string Subject(string provider, string account, DateOnly day) => $"{provider}|{account}|{day:yyyy-MM-dd}";

    private static List<string> Recipients(IEnumerable<Commitment> commitments, string provider, string account) =>
        commitments.Where(c => c.ProviderName == provider
                               && (c.Eligibility.BillingAccountIds.Count == 0 || c.Eligibility.BillingAccountIds.Contains(account, StringComparer.OrdinalIgnoreCase)))
            .SelectMany(c => c.Owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static AlertCondition Condition(List<SpendAnomaly> anomalies, List<string> recipients, AnomalyThresholds thresholds)
    {
        var first = anomalies[0];
        var impact = anomalies.Sum(a => a.Impact);
        var money = (decimal v) => MoneyFormat.Compact(v, first.Currency);
        var services = anomalies.OrderByDescending(a => a.Impact).ToList();
        return new AlertCondition
        {
            Rule = Rule,
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
        };
    }
}
