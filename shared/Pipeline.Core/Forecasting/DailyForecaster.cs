namespace Pipeline.Core.Forecasting;

/// <summary>
/// Trend- and weekday-aware forecast of daily spend. On the last <see cref="WindowDays"/> days: multiplicative
/// weekday factors, a least-squares line through the deseasonalized series, a damped trend (so a ramp does not
/// extrapolate forever), and a prediction band from the residual spread plus the uncertainty of level and slope.
/// Deterministic and allocation-light: 1,000 commitments x 3 years evaluate in milliseconds.
/// </summary>
public static class DailyForecaster
{
    public const int WindowDays = 56;

    /// <summary>Per-day damping of the trend (half-life of about 70 days: growth is trusted for weeks, not years).</summary>
    public const double Damping = 0.99;

    /// <summary>z of the 90th percentile of a normal distribution.</summary>
    private const double Z90 = 1.2815515655446004;

    /// <param name="history">Daily values, oldest first, ending on the last complete day.</param>
    /// <param name="lastDay">The date of the last value in <paramref name="history"/>.</param>
    /// <param name="horizon">Days to forecast after <paramref name="lastDay"/>.</param>
    public static DailyForecast Forecast(IReadOnlyList<decimal> history, DateOnly lastDay, int horizon)
    {
        if (horizon <= 0)
        {
            return DailyForecast.Empty;
        }

        var n = Math.Min(WindowDays, history.Count);
        if (n == 0)
        {
            return new DailyForecast(Enumerable.Repeat(0m, horizon).ToList(), 0m, 0m, 0m);
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = (double)history[history.Count - n + i];
        }

        var firstDay = lastDay.AddDays(1 - n);
        var season = WeekdayFactors(y, firstDay);
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            z[i] = y[i] / season[(int)firstDay.AddDays(i).DayOfWeek];
        }

        var (level, slope, sigma, levelError, slopeError) = Fit(z);
        var daily = new decimal[horizon];
        double total = 0, dailyVariance = 0, cumulativeDamping = 0, sumOfDampings = 0, damp = 1, undampedGap = 0;
        for (var h = 1; h <= horizon; h++)
        {
            damp *= Damping;
            cumulativeDamping += damp;
            sumOfDampings += cumulativeDamping;

            var factor = season[(int)lastDay.AddDays(h).DayOfWeek];
            var value = (level + (slope * cumulativeDamping)) * factor;
            daily[h - 1] = ToMoney(value);
            total += value;
            dailyVariance += sigma * factor * (sigma * factor);

            // How far the damped path falls behind a trend that simply continues: the model's own uncertainty.
            undampedGap += Math.Abs(slope) * (h - cumulativeDamping) * factor;
        }

        var spread = Z90 * Math.Sqrt(dailyVariance + Math.Pow(levelError * horizon, 2) + Math.Pow(slopeError * sumOfDampings, 2) + Math.Pow(undampedGap, 2));
        return new DailyForecast(daily, ToMoney(total - spread), ToMoney(total), ToMoney(total + spread));
    }

    /// <summary>
    /// Classic decomposition: each day over its centered 7-day mean (so a trend does not leak into the factors),
    /// averaged per weekday and normalized to average 1. Flat until two weeks of positive data.
    /// </summary>
    private static double[] WeekdayFactors(double[] y, DateOnly firstDay)
    {
        var factors = Enumerable.Repeat(1.0, 7).ToArray();
        if (y.Length < 14)
        {
            return factors;
        }

        var sums = new double[7];
        var counts = new int[7];
        for (var t = 3; t < y.Length - 3; t++)
        {
            var centered = 0.0;
            for (var k = -3; k <= 3; k++)
            {
                centered += y[t + k];
            }

            centered /= 7;
            if (centered <= 0)
            {
                continue;
            }

            var weekday = (int)firstDay.AddDays(t).DayOfWeek;
            sums[weekday] += y[t] / centered;
            counts[weekday]++;
        }

        for (var w = 0; w < 7; w++)
        {
            factors[w] = counts[w] == 0 ? 1.0 : Math.Clamp(sums[w] / counts[w], 0.2, 5.0);
        }

        var average = factors.Average();
        return factors.Select(f => f / average).ToArray();
    }

    /// <summary>Ordinary least squares of z on t = 0..n-1, with the level at the last point and standard errors.</summary>
    private static (double Level, double Slope, double Sigma, double LevelError, double SlopeError) Fit(double[] z)
    {
        var n = z.Length;
        if (n < 3)
        {
            var mean = z.Average();
            var deviation = n < 2 ? 0 : Math.Sqrt(z.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            return (mean, 0, deviation, deviation / Math.Sqrt(n), 0);
        }

        var tMean = (n - 1) / 2.0;
        var zMean = z.Average();
        double sxx = 0, sxy = 0;
        for (var t = 0; t < n; t++)
        {
            sxx += (t - tMean) * (t - tMean);
            sxy += (t - tMean) * (z[t] - zMean);
        }

        var slope = sxy / sxx;
        var intercept = zMean - (slope * tMean);
        double squares = 0;
        for (var t = 0; t < n; t++)
        {
            var residual = z[t] - (intercept + (slope * t));
            squares += residual * residual;
        }

        var sigma = Math.Sqrt(squares / (n - 2));
        var last = n - 1;
        var levelError = sigma * Math.Sqrt((1.0 / n) + ((last - tMean) * (last - tMean) / sxx));
        return (intercept + (slope * last), slope, sigma, levelError, sigma / Math.Sqrt(sxx));
    }

    private static decimal ToMoney(double value) =>
        double.IsFinite(value) ? Math.Round((decimal)Math.Clamp(value, -7.9e27, 7.9e27), 2) : 0m;
}
