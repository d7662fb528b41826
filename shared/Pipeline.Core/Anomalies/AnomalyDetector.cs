namespace Pipeline.Core.Anomalies;

/// <summary>
/// Robust seasonal anomaly detection (ARCHITECTURE §8): a day is compared with the same weekday in the previous
/// weeks — median as the baseline, 1.4826 x MAD as the spread — so weekly seasonality and past spikes do not
/// distort the baseline. A spike must pass both the z-score and the absolute-impact threshold.
/// </summary>
public static class AnomalyDetector
{
    private const decimal MadToSigma = 1.4826m;

    /// <param name="daily">Daily spend of one series (missing days are zero once the series has started).</param>
    /// <param name="days">The days to test.</param>
    public static IEnumerable<(DateOnly Day, decimal Actual, decimal Baseline, decimal ZScore)> Detect(
        IReadOnlyDictionary<DateOnly, decimal> daily, IEnumerable<DateOnly> days, AnomalyThresholds thresholds)
    {
        if (daily.Count == 0)
        {
            yield break;
        }

        var first = daily.Keys.Min();
        foreach (var day in days)
        {
            var baseline = new List<decimal>(thresholds.BaselineWeeks);
            for (var week = 1; week <= thresholds.BaselineWeeks; week++)
            {
                var past = day.AddDays(-7 * week);
                if (past >= first)
                {
                    baseline.Add(daily.GetValueOrDefault(past));
                }
            }

            if (baseline.Count < thresholds.MinBaselinePoints)
            {
                continue;
            }

            var actual = daily.GetValueOrDefault(day);
            var median = Median(baseline);
            var mad = Median(baseline.Select(v => Math.Abs(v - median)).ToList());

            // A perfectly flat history has MAD 0; a floor of 5% of the level keeps z finite and meaningful.
            var sigma = Math.Max(MadToSigma * mad, Math.Max(Math.Abs(median) * 0.05m, 0.01m));
            var z = (actual - median) / sigma;
            if (z >= thresholds.MinZScore && actual - median >= thresholds.MinImpact)
            {
                yield return (day, actual, median, Math.Round(z, 2));
            }
        }
    }

    internal static decimal Median(List<decimal> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
