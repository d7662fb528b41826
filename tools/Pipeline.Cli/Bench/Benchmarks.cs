using System.Diagnostics;
using Azure.Data.Tables;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Cli.Demo;
using Pipeline.Connectors.Focus;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;
using Pipeline.Storage;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Tables;
using Spectre.Console;

namespace Pipeline.Cli.Bench;

/// <summary>
/// Whole-process benchmarks, measured side by side in one run on this machine:
/// (1) our FOCUS CSV.gz -> daily aggregate path against DuckDB running the same GROUP BY on the same file,
/// with our peak memory on a quarter-size and a full-size file to show it stays flat;
/// (2) the same files as Parquet with everything in ONE row group (the worst case for a row-group-at-a-time reader),
/// peak memory again on both sizes;
/// (3) batched, parallel table writes against one-entity-at-a-time upserts into Azurite.
/// </summary>
internal static class Benchmarks
{
    private const int Days = 400;
    private const int RowsPerDayPerResource = 82;

    public static async Task<int> RunAsync(int rows, int writes, CancellationToken cancellationToken)
    {
        var full = EnsureFile(rows);
        var quarter = EnsureFile(rows / 4);
        var results = new Table().Title("Benchmark results").AddColumns("Measurement", "Input", "Seconds", "Rows/s", "Peak managed MiB", "Peak working set MiB", "Output rows");

        await AggregateAsync(quarter.Path, cancellationToken); // JIT warm-up, not measured
        var small = await MeasureOursAsync(quarter, cancellationToken);
        var ours = await MeasureOursAsync(full, cancellationToken);
        var duck = await MeasureDuckDbAsync(full, cancellationToken);
        results.AddRow("ours: FOCUS CSV.gz -> daily aggregate", Describe(quarter), small.Seconds.ToString("N2"), (quarter.Rows / small.Seconds).ToString("N0"), Mib(small.PeakManaged), Mib(small.PeakWorkingSet), small.Groups.ToString("N0"));
        results.AddRow("ours: FOCUS CSV.gz -> daily aggregate", Describe(full), ours.Seconds.ToString("N2"), (full.Rows / ours.Seconds).ToString("N0"), Mib(ours.PeakManaged), Mib(ours.PeakWorkingSet), ours.Groups.ToString("N0"));
        results.AddRow("DuckDB: read_csv + GROUP BY", Describe(full), duck.Seconds.ToString("N2"), (full.Rows / duck.Seconds).ToString("N0"), "-", "-", duck.Groups.ToString("N0"));
        var quarterParquet = await EnsureParquetAsync(quarter, cancellationToken);
        var fullParquet = await EnsureParquetAsync(full, cancellationToken);
        var smallParquet = await MeasureOursAsync(quarterParquet, cancellationToken);
        var oursParquet = await MeasureOursAsync(fullParquet, cancellationToken);
        results.AddRow("ours: FOCUS Parquet (1 row group) -> daily aggregate", Describe(quarterParquet), smallParquet.Seconds.ToString("N2"), (quarterParquet.Rows / smallParquet.Seconds).ToString("N0"),
            Mib(smallParquet.PeakManaged), Mib(smallParquet.PeakWorkingSet), smallParquet.Groups.ToString("N0"));
        results.AddRow("ours: FOCUS Parquet (1 row group) -> daily aggregate", Describe(fullParquet), oursParquet.Seconds.ToString("N2"), (fullParquet.Rows / oursParquet.Seconds).ToString("N0"),
            Mib(oursParquet.PeakManaged), Mib(oursParquet.PeakWorkingSet), oursParquet.Groups.ToString("N0"));

        using var host = CliHost.Build();
        var (naiveRate, batchedRate) = await MeasureTableWritesAsync(host.Services.GetRequiredService<StorageClients>(), writes, cancellationToken);
        results.AddRow("table writes: one entity at a time", $"{writes:N0} entities", (writes / naiveRate).ToString("N2"), naiveRate.ToString("N0"), "-", "-", "-");
        results.AddRow("table writes: ours (100-entity transactions x 8)", $"{writes:N0} entities", (writes / batchedRate).ToString("N2"), batchedRate.ToString("N0"), "-", "-", "-");
        AnsiConsole.Write(results);

        if (ours.Groups != duck.Groups || oursParquet.Groups != ours.Groups)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Group counts differ: ours CSV {ours.Groups:N0}, ours Parquet {oursParquet.Groups:N0}, DuckDB {duck.Groups:N0}[/]");
            return 1;
        }

        Console.WriteLine($"focus-aggregate peak managed memory: {Mib(small.PeakManaged)} MiB at {quarter.Rows:N0} rows, {Mib(ours.PeakManaged)} MiB at {full.Rows:N0} rows (peak working set {Mib(ours.PeakWorkingSet)} MiB)");
        Console.WriteLine($"parquet-aggregate peak memory (one row group): managed {Mib(smallParquet.PeakManaged)} MiB, working set {Mib(smallParquet.PeakWorkingSet)} MiB at {quarterParquet.Rows:N0} rows; "
            + $"managed {Mib(oursParquet.PeakManaged)} MiB, working set {Mib(oursParquet.PeakWorkingSet)} MiB at {fullParquet.Rows:N0} rows");
        Console.WriteLine($"focus-aggregate vs duckdb: {ours.Seconds / duck.Seconds:F2}");
        Console.WriteLine($"table-writes vs naive: {batchedRate / naiveRate:F2}");
        return 0;
    }

    private static (string Path, long Rows, long Bytes) EnsureFile(int rows)
    {
        var resources = Math.Max(1, (int)Math.Ceiling(rows / (double)(RowsPerDayPerResource * Days)));
        var path = Path.GetFullPath(Path.Combine("out", "bench", $"focus-{Days}d-{resources}r.csv.gz"));
        var marker = path + ".rows";
        if (!File.Exists(path) || !File.Exists(marker))
        {
            AnsiConsole.MarkupLineInterpolated($"Generating {path} ...");
            var generator = new SyntheticFocusGenerator(new DateOnly(2025, 1, 1), Days, resources);
            File.WriteAllText(marker, generator.WriteSingleFile(path).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (path, long.Parse(File.ReadAllText(marker), System.Globalization.CultureInfo.InvariantCulture), new FileInfo(path).Length);
    }

    /// <summary>The CSV.gz rewritten as Parquet by DuckDB with every row in a single row group (the case that needs the most memory).</summary>
    private static async Task<(string Path, long Rows, long Bytes)> EnsureParquetAsync((string Path, long Rows, long Bytes) csv, CancellationToken cancellationToken)
    {
        var path = Path.ChangeExtension(Path.ChangeExtension(csv.Path, null), ".parquet");
        if (!File.Exists(path))
        {
            AnsiConsole.MarkupLineInterpolated($"Generating {path} ...");
            await using var connection = new DuckDBConnection("DataSource=:memory:");
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT * REPLACE (CAST(BilledCost AS DECIMAL(24, 10)) AS BilledCost, CAST(EffectiveCost AS DECIMAL(24, 10)) AS EffectiveCost)
                      FROM read_csv('{csv.Path}', header = true, all_varchar = true))
                TO '{path}.partial' (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 100000000)
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            File.Move(path + ".partial", path, overwrite: true);
        }

        return (path, csv.Rows, new FileInfo(path).Length);
    }

    private static async Task<(double Seconds, long PeakManaged, long PeakWorkingSet, int Groups)> MeasureOursAsync((string Path, long Rows, long Bytes) file, CancellationToken cancellationToken)
    {
        var memory = MemorySampler.Start();
        var watch = Stopwatch.StartNew();
        var groups = await AggregateAsync(file.Path, cancellationToken);
        watch.Stop();
        await memory.DisposeAsync();
        return (watch.Elapsed.TotalSeconds, memory.PeakManagedBytes, memory.PeakWorkingSetBytes, groups);
    }

    /// <summary>Exactly what an ingest does before writing: read, validate, aggregate, materialize the daily rows.</summary>
    private static async Task<int> AggregateAsync(string path, CancellationToken cancellationToken)
    {
        var aggregator = new DailyCostAggregator();
        var errors = new SourceErrorLog();
        await new FocusExportReader(NullLogger<FocusExportReader>.Instance).ReadAsync(new LocalFocusFileSource(path), aggregator, errors, null, cancellationToken);
        if (errors.HasErrors)
        {
            throw new InvalidOperationException(errors.Summarize());
        }

        return aggregator.ToRows("bench", "export").Count;
    }

    private static async Task<(double Seconds, int Groups)> MeasureDuckDbAsync((string Path, long Rows, long Bytes) file, CancellationToken cancellationToken)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT CAST(ChargePeriodStart AS DATE) AS ChargeDay, BillingPeriodStart, BillingPeriodEnd, ProviderName, BillingAccountId,
                   SubAccountId, ServiceName, ServiceCategory, RegionId, ChargeCategory, ChargeClass, PricingCategory, BillingCurrency,
                   max(BillingAccountName), max(SubAccountName), max(RegionName),
                   sum(BilledCost), sum(EffectiveCost), sum(ListCost), sum(ContractedCost), count(*)
            FROM read_csv('{file.Path}', header = true)
            GROUP BY ALL
            """;
        var watch = Stopwatch.StartNew();
        var groups = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                groups++;
            }
        }

        watch.Stop();
        return (watch.Elapsed.TotalSeconds, groups);
    }

    private static async Task<(double Naive, double Batched)> MeasureTableWritesAsync(StorageClients clients, int count, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        var naiveTable = clients.Tables.GetTableClient($"benchnaive{suffix}");
        var batchedTable = clients.Tables.GetTableClient($"benchbatched{suffix}");
        await naiveTable.CreateIfNotExistsAsync(cancellationToken);
        await batchedTable.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            var entities = Entities(count);
            var watch = Stopwatch.StartNew();
            foreach (var entity in entities)
            {
                await naiveTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            }

            var naive = count / watch.Elapsed.TotalSeconds;
            watch.Restart();
            await TableBatchWriter.SubmitAsync(batchedTable, entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), 8, cancellationToken);
            var batched = count / watch.Elapsed.TotalSeconds;
            return (naive, batched);
        }
        finally
        {
            await naiveTable.DeleteAsync(cancellationToken);
            await batchedTable.DeleteAsync(cancellationToken);
        }
    }

    /// <summary>Real <c>costs</c> entities: 400 days of one account's daily rows, as an ingest writes them.</summary>
    private static List<TableEntity> Entities(int count) =>
        Enumerable.Range(0, count).Select(i => CostEntityMapper.ToEntity(new CostRow
        {
            ChargePeriodStart = new DateOnly(2025, 1, 1).AddDays(i % Days),
            BillingPeriodStart = new DateOnly(2025, 1, 1).AddDays(i % Days).AddDays(1 - new DateOnly(2025, 1, 1).AddDays(i % Days).Day),
            BillingPeriodEnd = new DateOnly(2025, 1, 1).AddDays(i % Days).AddDays(1 - new DateOnly(2025, 1, 1).AddDays(i % Days).Day).AddMonths(1),
            ProviderName = "AWS",
            BillingAccountId = "123456789012",
            ServiceName = $"service-{i / Days}",
            ChargeCategory = "Usage",
            BillingCurrency = "USD",
            BilledCost = i * 1.25m,
            EffectiveCost = i,
            SourceKind = "export",
            Source = "bench",
        }, "bench", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))).ToList();

    private static string Describe((string Path, long Rows, long Bytes) file) =>
        $"{file.Rows:N0} rows, {file.Bytes / (1024.0 * 1024):N0} MiB {(file.Path.EndsWith(".parquet", StringComparison.Ordinal) ? "parquet" : "gz")}";

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0");
}
