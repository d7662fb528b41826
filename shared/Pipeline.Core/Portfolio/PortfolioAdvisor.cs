using Pipeline.Core.BurnRate;
using Pipeline.Core.Commitments;

namespace Pipeline.Core.Portfolio;

/// <summary>
/// Across all contracts, which under-burning commitment could absorb spend from which over-burning one, and how
/// much per day — the cross-cloud recommendation no single-cloud tool makes. Greedy: the largest shortfall is
/// filled first from the largest surplus on another provider, in the same currency, over the days both periods
/// still run, never taking more than a donor can give up and still meet its own amount.
/// </summary>
public static class PortfolioAdvisor
{
    public static IReadOnlyList<ShiftRecommendation> Recommend(IEnumerable<(Commitment Commitment, BurnRateSnapshot Snapshot)> positions)
    {
        var active = positions.Where(p => p.Snapshot.Status is not (BurnStatus.NotStarted or BurnStatus.Met or BurnStatus.Shortfall) && p.Snapshot.DaysRemaining > 0).ToList();
        var needs = active.Where(p => p.Snapshot.ProjectedShortfall > 0)
            .Select(p => new Account(p.Commitment, p.Snapshot, p.Snapshot.ProjectedShortfall))
            .OrderByDescending(a => a.Remaining).ToList();
        var donors = active.Where(p => p.Snapshot.ForecastP50 > p.Snapshot.PeriodAmount)
            .Select(p => new Account(p.Commitment, p.Snapshot, p.Snapshot.ForecastP50 - p.Snapshot.PeriodAmount))
            .OrderByDescending(a => a.Remaining).ToList();

        var recommendations = new List<ShiftRecommendation>();
        foreach (var need in needs)
        {
            var before = need.Remaining;
            foreach (var donor in donors.Where(d => d.Remaining > 0 && d.Commitment.ProviderName != need.Commitment.ProviderName
                                                     && d.Snapshot.Currency == need.Snapshot.Currency))
            {
                if (need.Remaining <= 0)
                {
                    break;
                }

                var days = Math.Min(need.Snapshot.DaysRemaining, donor.Snapshot.DaysRemaining);
                var perDay = Math.Round(Math.Min(need.Remaining, donor.Remaining) / days, 2, MidpointRounding.ToZero);
                if (perDay <= 0)
                {
                    continue;
                }

                var total = perDay * days;
                need.Remaining -= total;
                donor.Remaining -= total;
                recommendations.Add(new ShiftRecommendation(donor.Commitment.Id, donor.Commitment.ProviderName, need.Commitment.Id, need.Commitment.ProviderName,
                    need.Snapshot.Currency, perDay, days, total, before, Math.Max(0m, need.Remaining)));
                before = need.Remaining;
            }
        }

        return recommendations;
    }

    private sealed class Account(Commitment commitment, BurnRateSnapshot snapshot, decimal remaining)
    {
        public Commitment Commitment { get; } = commitment;

        public BurnRateSnapshot Snapshot { get; } = snapshot;

        public decimal Remaining { get; set; } = remaining;
    }
}
