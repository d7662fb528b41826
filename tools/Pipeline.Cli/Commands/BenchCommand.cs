using System.CommandLine;
using Pipeline.Cli.Bench;

namespace Pipeline.Cli.Commands;

/// <summary><c>./run.sh bench [--rows N]</c>: ingestion and table-write benchmarks (see <see cref="Benchmarks"/>).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Rows in the generated FOCUS CSV.gz (at least 2,000,000 for the published target)", DefaultValueFactory = _ => 2_000_000 };
        var writes = new Option<int>("--writes") { Description = "Entities written per table-write measurement", DefaultValueFactory = _ => 4_000 };
        var command = new Command("bench", "Benchmark FOCUS aggregation against DuckDB and batched table writes against one-at-a-time") { rows, writes };
        command.SetAction((parse, ct) => Benchmarks.RunAsync(parse.GetValue(rows), parse.GetValue(writes), ct));
        return command;
    }

    public static Command CreateBacktest()
    {
        var command = new Command("backtest", "Backtest the spend forecast on synthetic series with known answers and on the demo data");
        command.SetAction((_, ct) => ForecastBacktest.RunAsync(ct));
        return command;
    }
}
