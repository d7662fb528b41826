using Pipeline.Core.BurnRate;
using ScottPlot;

namespace Pipeline.Notifications.Charts;

/// <summary>
/// The burn chart of a commitment period as a PNG (titled with the commitment's name): cumulative consumption to date, the straight line a commitment
/// consumed evenly would follow, the forecast median to the period end and its 80% band, and the amount.
/// </summary>
public static class BurnChartRenderer
{
    public static byte[] Render(BurnRateSnapshot s, string title, int width = 720, int height = 360)
    {
        var plot = new Plot();
        var start = s.PeriodStart.ToDateTime(TimeOnly.MinValue);
        var end = s.PeriodEnd.ToDateTime(TimeOnly.MinValue);
        var amount = (double)s.PeriodAmount;

        var pace = plot.Add.Scatter(new[] { start.ToOADate(), end.ToOADate() }, new[] { 0.0, amount });
        pace.LegendText = "Even pace to the commitment";
        pace.LinePattern = LinePattern.Dashed;
        pace.MarkerSize = 0;
        pace.Color = Colors.Gray;

        var committed = plot.Add.HorizontalLine(amount);
        committed.LegendText = "Commitment";
        committed.Color = Colors.Black;

        if (s.CumulativeConsumed.Count > 0)
        {
            var xs = Enumerable.Range(0, s.CumulativeConsumed.Count).Select(i => start.AddDays(i + 1).ToOADate()).ToArray();
            var actual = plot.Add.Scatter(xs, s.CumulativeConsumed.Select(v => (double)v).ToArray());
            actual.LegendText = "Consumed";
            actual.MarkerSize = 0;
            actual.LineWidth = 2;
            actual.Color = Colors.SteelBlue;
        }

        if (s.ForecastDaily.Count > 0)
        {
            var asOf = s.AsOf.AddDays(1).ToDateTime(TimeOnly.MinValue);
            var count = s.ForecastDaily.Count + 1;
            var xs = new double[count];
            var median = new double[count];
            var low = new double[count];
            var high = new double[count];
            var below = (double)(s.ForecastP50 - s.ForecastP10);
            var above = (double)(s.ForecastP90 - s.ForecastP50);
            var running = (double)s.Consumed;
            for (var h = 0; h < count; h++)
            {
                if (h > 0)
                {
                    running += (double)s.ForecastDaily[h - 1];
                }

                // Uncertainty grows roughly with the square root of the horizon.
                var share = Math.Sqrt(h / (double)(count - 1));
                xs[h] = asOf.AddDays(h).ToOADate();
                median[h] = running;
                low[h] = running - (below * share);
                high[h] = running + (above * share);
            }

            var band = plot.Add.FillY(xs, low, high);
            band.LegendText = "Forecast 80% band";
            band.FillStyle.Color = Colors.Orange.WithAlpha(0.25);
            var forecast = plot.Add.Scatter(xs, median);
            forecast.LegendText = "Forecast (median)";
            forecast.MarkerSize = 0;
            forecast.LinePattern = LinePattern.Dotted;
            forecast.LineWidth = 2;
            forecast.Color = Colors.DarkOrange;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title(title);
        plot.YLabel(s.Currency);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
