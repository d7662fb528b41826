using Pipeline.Core.Anomalies;

namespace Pipeline.Core.Tests.Anomalies;

public class AnomalyDetectorTests
{
    private static readonly DateOnly Start = new(2025, 1, 6); // a Monday

    private static Dictionary<DateOnly, decimal> Weekly(int days, decimal weekday, decimal weekend) =>
        Enumerable.Range(0, days).Select(Start.AddDays).ToDictionary(d => d, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? weekend : weekday);

    [Fact]
    public void A_spike_far_above_the_same_weekday_baseline_is_found_with_its_size()
    {
        var series = Weekly(70, 10_000m, 4_000m);
        var spike = Start.AddDays(65);
        series[spike] = 30_000m;

        var found = AnomalyDetector.Detect(series, [spike], new AnomalyThresholds()).Single();

        (found.Day, found.Actual, found.Baseline).Should().Be((spike, 30_000m, spike.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 4_000m : 10_000m));
        found.ZScore.Should().BeGreaterThan(4m);
    }

    [Fact]
    public void Weekly_seasonality_alone_is_not_an_anomaly()
    {
        var series = Weekly(70, 10_000m, 1_000m);

        AnomalyDetector.Detect(series, series.Keys.Where(d => d > Start.AddDays(56)), new AnomalyThresholds()).Should().BeEmpty();
    }

    [Fact]
    public void A_statistically_unusual_but_small_spike_is_ignored()
    {
        var series = Weekly(70, 100m, 100m);
        series[Start.AddDays(65)] = 900m;

        AnomalyDetector.Detect(series, [Start.AddDays(65)], new AnomalyThresholds(MinImpact: 1_000m)).Should().BeEmpty();
        AnomalyDetector.Detect(series, [Start.AddDays(65)], new AnomalyThresholds(MinImpact: 500m)).Should().ContainSingle();
    }

    [Fact]
    public void A_past_spike_does_not_distort_the_robust_baseline()
    {
        var series = Weekly(70, 10_000m, 10_000m);
        series[Start.AddDays(58)] = 80_000m;
        series[Start.AddDays(65)] = 25_000m;

        AnomalyDetector.Detect(series, [Start.AddDays(65)], new AnomalyThresholds()).Single().Baseline.Should().Be(10_000m);
    }

    [Fact]
    public void Too_little_history_is_not_judged()
    {
        var series = Weekly(20, 10_000m, 10_000m);
        series[Start.AddDays(19)] = 90_000m;

        AnomalyDetector.Detect(series, [Start.AddDays(19)], new AnomalyThresholds()).Should().BeEmpty();
    }
}
