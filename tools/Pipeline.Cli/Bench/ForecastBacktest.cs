using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Cli.Commands;
using Pipeline.Cli.Demo;
using Pipeline.Connectors.Focus;
using Pipeline.Core.Costs;
using Pipeline.Core.Forecasting;
using Pipeline.Core.Ingestion;
using Spectre.Console;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Rolling-origin backtest of <see cref="DailyForecaster"/>: at many cut-off days, forecast the next H days' total
/// from the history up to the cut-off and compare with what actually happened. Reports the median absolute
/// percentage error of p50 and how often the truth fell inside p10-p90 (the band targets 80%).
/// </summary>
internal static class ForecastBacktest
{
    private static readonly int[] s_horizons = [7, 30, 90];

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var series = new List<(string Name, DateOnly First, decimal[] Values)>();
        var first = new DateOnly(2025, 1, 1);
        series.Add(("synthetic: constant + 5% noise", first, Synthetic(400, 11, t => 1_000.0, 0.05)));
        series.Add(("synthetic: linear ramp + 5% noise", first, Synthetic(400, 12, t => 100 + (2.0 * t), 0.05)));
        series.Add(("synthetic: weekly x growth + 8% noise", first, Synthetic(400, 13, t => 5_000 * Math.Pow(1.002, t) * (IsWeekend(first.AddDays(t)) ? 0.6 : 1.0), 0.08)));
        series.AddRange(await DemoSeriesAsync(cancellationToken));

        var table = new Table().Title("Forecast backtest (rolling origin, weekly cut-offs)").AddColumns("Series", "Horizon (days)", "Cut-offs", "p50 median abs % error", "Truth inside p10-p90");
        var totals = s_horizons.ToDictionary(h => h, _ => (Errors: new List<double>(), Inside: 0, Count: 0));
        foreach (var (name, start, values) in series)
        {
            foreach (var horizon in s_horizons)
            {
                var errors = new List<double>();
                var inside = 0;
                for (var cut = 120; cut + horizon <= values.Length; cut += 7)
                {
                    var history = values[..cut];
                    var forecast = DailyForecaster.Forecast(history, start.AddDays(cut - 1), horizon);
                    var truth = values[cut..(cut + horizon)].Sum();
                    if (truth <= 0)
                    {
                        continue;
                    }

                    errors.Add((double)Math.Abs(forecast.TotalP50 - truth) / (double)truth);
                    inside += truth >= forecast.TotalP10 && truth <= forecast.TotalP90 ? 1 : 0;
                }

                totals[horizon].Errors.AddRange(errors);
                totals[horizon] = (totals[horizon].Errors, totals[horizon].Inside + inside, totals[horizon].Count + errors.Count);
                table.AddRow(Markup.Escape(name), horizon.ToString(CultureInfo.InvariantCulture), errors.Count.ToString(CultureInfo.InvariantCulture),
                    Median(errors).ToString("P1", CultureInfo.InvariantCulture), (inside / (double)Math.Max(1, errors.Count)).ToString("P0", CultureInfo.InvariantCulture));
            }
        }

        AnsiConsole.Write(table);
        foreach (var horizon in s_horizons)
        {
            var (errors, inside, count) = totals[horizon];
            Console.WriteLine($"backtest horizon {horizon}d: p50 median abs error {Median(errors).ToString("P1", CultureInfo.InvariantCulture)}, p10-p90 coverage {(inside / (double)Math.Max(1, count)).ToString("P0", CultureInfo.InvariantCulture)} over {count} forecasts");
        }

        return 0;
    }

    /// <summary>The demo's per-provider EffectiveCost series, read from its generated FOCUS file through the production reader.</summary>
    private static async Task<IEnumerable<(string, DateOnly, decimal[])>> DemoSeriesAsync(CancellationToken cancellationToken)
    {
        var first = new DateOnly(2025, 10, 1);
        var path = Path.GetFullPath(Path.Combine("out", "backtest", "demo.csv.gz"));
        new SyntheticFocusGenerator(first, DemoCommand.Days, resourcesPerService: 1).WriteSingleFile(path);
        var aggregator = new DailyCostAggregator();
        var errors = new SourceErrorLog();
        await new FocusExportReader(NullLogger<FocusExportReader>.Instance).ReadAsync(new LocalFocusFileSource(path), aggregator, errors, null, cancellationToken);
        return aggregator.ToRows("backtest", "export").GroupBy(r => r.ProviderName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var values = new decimal[DemoCommand.Days];
            foreach (var row in g)
            {
                values[row.ChargePeriodStart.DayNumber - first.DayNumber] += row.EffectiveCost;
            }

            return ($"demo: {g.Key}", first, values);
        });
    }

    private static decimal[] Synthetic(int days, int seed, Func<int, double> level, double noise)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, days).Select(t =>
        {
            // Box-Muller: normal noise around the level.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Round((decimal)(level(t) * (1 + (noise * normal))), 2);
        }).ToArray();
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
