using Azure.Data.Tables;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Export;
using Pipeline.Application.Ingestion;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Runs;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Runs;
using Pipeline.Storage.Tables;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Ingestion;

public sealed class FocusExportIngestionTests : IDisposable
{
    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly string _folder = Directory.CreateTempSubdirectory("ingest-test-").FullName;

    [Fact]
    public async Task A_focus_1_0_export_ingested_and_exported_keeps_every_daily_total_to_the_cent()
    {
        using var host = PipelineTestHost.Create(_prefix);
        var source = Focus10Export.Write(Path.Combine(_folder, "focus-1.0.csv"));

        var outcome = await host.Services.GetRequiredService<FocusExportIngestion>().IngestAsync(source);
        var exported = Path.Combine(_folder, "exported.csv");
        await using (var writer = new StreamWriter(exported))
        {
            await FocusCsvExporter.WriteAsync(host.Services.GetRequiredService<CostStore>().QueryAsync(), writer, CancellationToken.None);
        }

        outcome.Run.RowsRead.Should().Be(5 * 24 * 9 + 10 + 1);
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await using var command = duck.CreateCommand();
        command.CommandText = $"""
            WITH src AS (
              SELECT ProviderName p, BillingAccountId a, SubAccountId s, CAST(substr(ChargePeriodStart, 1, 10) AS DATE) d,
                     SUM(CAST(BilledCost AS DECIMAL(38, 10))) billed, SUM(CAST(EffectiveCost AS DECIMAL(38, 10))) effective
              FROM read_csv('{source}', header = true, all_varchar = true) GROUP BY ALL),
            ours AS (
              SELECT ProviderName p, BillingAccountId a, SubAccountId s, CAST(substr(ChargePeriodStart, 1, 10) AS DATE) d,
                     SUM(CAST(BilledCost AS DECIMAL(38, 10))) billed, SUM(CAST(EffectiveCost AS DECIMAL(38, 10))) effective
              FROM read_csv('{exported}', header = true, all_varchar = true) GROUP BY ALL)
            SELECT count(*) FILTER (WHERE src.p IS NULL OR ours.p IS NULL OR abs(src.billed - ours.billed) >= 0.005 OR abs(src.effective - ours.effective) >= 0.005),
                   count(*)
            FROM src FULL OUTER JOIN ours USING (p, a, s, d)
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).Should().Be(0, "every provider/account/sub-account/day total matches the source");
        reader.GetInt64(1).Should().Be(5 * 3, "5 days x 3 linked accounts");
    }

    [Fact]
    public async Task Bad_input_leaves_the_table_as_it_was_and_records_a_failed_run_with_the_line()
    {
        var time = new InstantTimeProvider(TestClock.Now);
        using var host = PipelineTestHost.Create(_prefix, time: time);
        var ingestion = host.Services.GetRequiredService<FocusExportIngestion>();
        await ingestion.IngestAsync(Focus10Export.Write(Path.Combine(_folder, "good.csv")));
        var before = await SnapshotAsync(host);
        time.Advance(TimeSpan.FromHours(1));

        var restated = Directory.CreateDirectory(Path.Combine(_folder, "restated")).FullName;
        Focus10Export.Write(Path.Combine(restated, "part-0.csv"), seed: 8);
        var lines = File.ReadAllLines(Path.Combine(restated, "part-0.csv"));
        lines[7] = lines[7].Replace("us-east-1a,", "us-east-1a,12abc", StringComparison.Ordinal);
        File.WriteAllLines(Path.Combine(restated, "part-1.csv"), lines);

        var act = () => ingestion.IngestAsync(restated);

        var error = (await act.Should().ThrowAsync<InvalidSourceDataException>()).Which;
        error.Errors.Samples.Single().Line.Should().Be(8);
        error.Errors.Samples.Single().Column.Should().Be("BilledCost");
        (await SnapshotAsync(host)).Should().BeEquivalentTo(before);
        var lastRun = await LatestRunAsync(host);
        lastRun.Status.Should().Be(RunStatus.Failed);
        lastRun.RowErrors.Should().Be(1);
        lastRun.Error.Should().Contain("part-1.csv:8: column BilledCost");
    }

    [Fact]
    public async Task A_missing_source_is_a_failed_run_not_a_silent_success()
    {
        using var host = PipelineTestHost.Create(_prefix);

        var act = () => host.Services.GetRequiredService<FocusExportIngestion>().IngestAsync(Path.Combine(_folder, "nope"));

        await act.Should().ThrowAsync<FileNotFoundException>();
        (await LatestRunAsync(host)).Error.Should().Contain("No FOCUS file or folder");
    }

    [Fact]
    public async Task Exports_in_blob_storage_are_read_through_the_same_path()
    {
        using var host = PipelineTestHost.Create(_prefix);
        var blobs = TestStorage.Clients(_prefix).Blobs;
        var container = blobs.GetBlobContainerClient(_prefix + "exports");
        await container.CreateIfNotExistsAsync();
        var file = Focus10Export.Write(Path.Combine(_folder, "blob.csv"));
        await container.GetBlobClient("focus/BILLING_PERIOD=2024-09/part-0.csv").UploadAsync(file);
        await container.GetBlobClient("focus/BILLING_PERIOD=2024-09/manifest.json").UploadAsync(BinaryData.FromString("{}"));

        var outcome = await host.Services.GetRequiredService<FocusExportIngestion>().IngestAsync($"{container.Uri}/focus/");

        outcome.Run.RowsRead.Should().Be(5 * 24 * 9 + 11);
        outcome.Run.Location.Should().EndWith("/focus/");
        outcome.Evaluations.Should().ContainSingle().Which.Should().Match<Core.Evaluations.EvaluationRequest>(e =>
            e.ProviderName == "AWS" && e.BillingAccountId == "999999999999" && e.From == new DateOnly(2024, 9, 1) && e.To == new DateOnly(2024, 10, 1));
    }

    [Fact]
    public async Task Of_several_cost_management_runs_of_one_period_only_the_latest_complete_one_is_read()
    {
        using var host = PipelineTestHost.Create(_prefix);
        var container = TestStorage.Clients(_prefix).Blobs.GetBlobContainerClient(_prefix + "cm");
        await container.CreateIfNotExistsAsync();
        var file = Focus10Export.Write(Path.Combine(_folder, "run.csv"));
        const string period = "exports/contoso-focus/20240901-20240930";
        await container.GetBlobClient($"{period}/run-z-older/part_0_0001.csv").UploadAsync(file);
        await container.GetBlobClient($"{period}/run-z-older/manifest.json").UploadAsync(BinaryData.FromString("{}"));
        await Task.Delay(1100); // Blob last-modified times have one-second resolution.
        await container.GetBlobClient($"{period}/run-a-newer/part_0_0001.csv").UploadAsync(file);
        await container.GetBlobClient($"{period}/run-a-newer/manifest.json").UploadAsync(BinaryData.FromString("{}"));
        await container.GetBlobClient($"{period}/run-still-writing/part_0_0001.csv").UploadAsync(file);

        var outcome = await host.Services.GetRequiredService<FocusExportIngestion>().IngestAsync($"{container.Uri}/exports/");

        outcome.Run.RowsRead.Should().Be(5 * 24 * 9 + 11, "one run of the period is read, not three");
    }

    [Fact]
    public async Task Re_ingesting_the_same_export_writes_nothing()
    {
        using var host = PipelineTestHost.Create(_prefix);
        var ingestion = host.Services.GetRequiredService<FocusExportIngestion>();
        var source = Focus10Export.Write(Path.Combine(_folder, "again.csv"));
        var first = await ingestion.IngestAsync(source);

        var second = await ingestion.IngestAsync(source);

        first.Run.RowsUpserted.Should().BeGreaterThan(0);
        (second.Run.RowsUpserted, second.Run.RowsDeleted, second.Run.RowsUnchanged).Should().Be((0, 0, first.Run.RowsUpserted));
    }

    private static async Task<List<(string, string, string)>> SnapshotAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        var table = await host.Services.GetRequiredService<PipelineTables>().GetAsync(PipelineTables.Costs);
        var rows = new List<(string, string, string)>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            rows.Add((entity.PartitionKey, entity.RowKey, entity.ETag.ToString()));
        }

        return rows;
    }

    private static async Task<RunRecord> LatestRunAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        await foreach (var run in host.Services.GetRequiredService<RunStore>().ListRecentAsync(1))
        {
            return run;
        }

        throw new InvalidOperationException("no run recorded");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
