using Pipeline.Core.Forecasting;

namespace Pipeline.Core.Tests.Forecasting;

public class DailyForecasterTests
{
    private static readonly DateOnly LastDay = new(2025, 6, 29); // a Sunday

    [Fact]
    public void A_constant_series_forecasts_itself_with_no_band()
    {
        var f = DailyForecaster.Forecast(Enumerable.Repeat(250m, 60).ToList(), LastDay, 10);

        f.Daily.Should().AllBeEquivalentTo(250m);
        (f.TotalP10, f.TotalP50, f.TotalP90).Should().Be((2_500m, 2_500m, 2_500m));
    }

    [Fact]
    public void A_linear_ramp_extrapolates_with_a_damped_trend()
    {
        var history = Enumerable.Range(0, 56).Select(t => 100m + (10m * t)).ToList();

        var f = DailyForecaster.Forecast(history, LastDay, 3);

        // level 650, slope 10, damping 0.99: 650 + 10 x 0.99, + 10 x (0.99 + 0.9801), + 10 x (0.99 + 0.9801 + 0.970299)
        f.Daily.Should().Equal(659.90m, 669.70m, 679.40m);
        f.TotalP50.Should().Be(2_009.00m);

        // No noise, so the band is the gap to an undamped trend: 10 x (0.01 + 0.0299 + 0.059601) = 0.99501, times z90.
        (f.TotalP10, f.TotalP90).Should().Be((2_007.73m, 2_010.28m));
    }

    [Fact]
    public void Weekly_seasonality_is_carried_into_the_forecast()
    {
        var start = LastDay.AddDays(-55);
        var history = Enumerable.Range(0, 56).Select(i => start.AddDays(i).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 50m : 150m).ToList();

        var f = DailyForecaster.Forecast(history, LastDay, 7);

        for (var h = 1; h <= 7; h++)
        {
            var weekend = LastDay.AddDays(h).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            f.Daily[h - 1].Should().Be(weekend ? 50m : 150m);
        }
    }

    [Fact]
    public void Noise_widens_the_band_around_the_median()
    {
        var random = new Random(3);
        var history = Enumerable.Range(0, 56).Select(_ => 1_000m + (decimal)(random.NextDouble() * 400 - 200)).ToList();

        var f = DailyForecaster.Forecast(history, LastDay, 30);

        f.TotalP10.Should().BeLessThan(f.TotalP50);
        f.TotalP90.Should().BeGreaterThan(f.TotalP50);
        f.TotalP50.Should().BeInRange(27_000m, 33_000m);
    }

    [Fact]
    public void No_history_forecasts_zero() => DailyForecaster.Forecast([], LastDay, 5).TotalP50.Should().Be(0m);
}
