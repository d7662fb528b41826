using Pipeline.Core.FxRates;

namespace Pipeline.Application.Evaluation;

/// <summary>
/// A commitment's daily eligible spend in its own currency: the rows its eligibility filter accepts, its metric,
/// converted with recorded rates only. Rows whose rate is missing are listed, never converted by guess.
/// </summary>
public sealed class EligibleSpend
{
    private EligibleSpend(Dictionary<DateOnly, decimal> daily, IReadOnlyCollection<(string From, string To, DateOnly Day)> missingRates)
    {
        Daily = daily;
        MissingRates = missingRates;
    }

    public IReadOnlyDictionary<DateOnly, decimal> Daily { get; }

    /// <summary>Currency pairs (and the first day) that had spend but no recorded rate.</summary>
    public IReadOnlyCollection<(string From, string To, DateOnly Day)> MissingRates { get; }

    public static EligibleSpend From(Commitment commitment, IEnumerable<CostRow> rows, FxRateBook rates)
    {
        var daily = new Dictionary<DateOnly, decimal>();
        var missing = new Dictionary<(string, string), DateOnly>();
        foreach (var row in rows)
        {
            if (!commitment.Counts(row))
            {
                continue;
            }

            var amount = commitment.Metric == CommitmentMetric.BilledCost ? row.BilledCost : row.EffectiveCost;
            if (!rates.TryConvert(amount, row.BillingCurrency, commitment.Currency, row.ChargePeriodStart, out var converted))
            {
                var key = (row.BillingCurrency, commitment.Currency);
                missing[key] = missing.TryGetValue(key, out var first) && first < row.ChargePeriodStart ? first : row.ChargePeriodStart;
                continue;
            }

            daily[row.ChargePeriodStart] = daily.GetValueOrDefault(row.ChargePeriodStart) + converted;
        }

        return new EligibleSpend(daily, missing.Select(m => (m.Key.Item1, m.Key.Item2, m.Value)).ToList());
    }
}
