using DuckDB.NET.Data;

namespace Pipeline.Connectors.Tests.Focus;

public class FocusParquetReaderTests
{
    [Fact]
    public async Task Parquet_with_decimal_amounts_and_timestamp_columns_aggregates_like_csv()
    {
        using var files = new FocusFiles();
        var path = Path.Combine(files.Folder, "export.parquet");
        await using (var duck = new DuckDBConnection("DataSource=:memory:"))
        {
            await duck.OpenAsync();
            await using var command = duck.CreateCommand();
            command.CommandText = $"""
                COPY (
                  SELECT 'Microsoft' AS ProviderName, 'ba-1' AS BillingAccountId, 'sub-' || (i % 2) AS SubAccountId,
                         'Virtual Machines' AS ServiceName, 'compute' AS ServiceCategory, 'Usage' AS ChargeCategory, 'USD' AS BillingCurrency,
                         TIMESTAMP '2024-05-01 00:00:00' + INTERVAL (i % 48) HOUR AS ChargePeriodStart,
                         TIMESTAMP '2024-05-01' AS BillingPeriodStart, TIMESTAMP '2024-06-01' AS BillingPeriodEnd,
                         CAST(0.25 AS DECIMAL(18, 6)) AS BilledCost, CAST(0.2 AS DOUBLE) AS EffectiveCost, NULL::DOUBLE AS ListCost
                  FROM range(96) t(i)
                ) TO '{path}' (FORMAT PARQUET)
                """;
            await command.ExecuteNonQueryAsync();
        }

        var (rows, errors, read) = await FocusFiles.ReadAsync(path);

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        read.Should().Be(96);
        rows.Should().HaveCount(4, "2 days x 2 sub-accounts");
        rows.Should().OnlyContain(r => r.BilledCost == 6m && r.EffectiveCost == 4.8m && r.ListCost == null && r.ServiceCategory == "Compute");
        rows.Select(r => r.ChargePeriodStart).Distinct().Should().BeEquivalentTo([new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2)]);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("footer length")]
    [InlineData("not parquet")]
    public async Task A_corrupt_or_absurd_footer_is_a_clear_file_error_and_nothing_is_aggregated(string damage)
    {
        using var files = new FocusFiles();
        var path = await WriteAsync(files, rows: 100);
        var bytes = await File.ReadAllBytesAsync(path);
        switch (damage)
        {
            case "truncated":
                bytes = bytes[..(bytes.Length / 2)].Concat("PAR1"u8.ToArray()).ToArray();
                break;
            case "footer length":
                // The 4 bytes before the trailing magic are the footer length: claim more than the file holds.
                BitConverter.GetBytes(int.MaxValue - 7).CopyTo(bytes, bytes.Length - 8);
                break;
            default:
                bytes = "PAR1"u8.ToArray().Concat(new byte[64]).Concat("PAR1"u8.ToArray()).ToArray();
                break;
        }

        await File.WriteAllBytesAsync(path, bytes);

        var (rows, errors, _) = await FocusFiles.ReadAsync(path);

        rows.Should().BeEmpty();
        errors.Samples.Should().ContainSingle().Which.Message.Should().StartWith("cannot be read: not a readable Parquet file (");
    }

    [Fact]
    public async Task A_file_in_one_large_row_group_streams_through_with_every_row_checked()
    {
        using var files = new FocusFiles();
        var path = await WriteAsync(files, rows: 300_000, rowGroupSize: 1_000_000, badRow: 123_457);

        var (rows, errors, read) = await FocusFiles.ReadAsync(path);

        read.Should().Be(300_000);
        errors.Samples.Should().ContainSingle().Which.Should().Match<Pipeline.Core.Ingestion.SourceError>(e => e.Line == 123_457 && e.Column == "BillingCurrency");
        rows.Sum(r => r.BilledCost).Should().Be(299_999 * 0.25m, "every other row is summed exactly");
    }

    private static async Task<string> WriteAsync(FocusFiles files, int rows, int rowGroupSize = 122_880, int badRow = 0)
    {
        var path = Path.Combine(files.Folder, $"export-{rows}.parquet");
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await using var command = duck.CreateCommand();
        command.CommandText = $"""
            COPY (
              SELECT 'Microsoft' AS ProviderName, 'ba-1' AS BillingAccountId, 'sub-' || (i % 7) AS SubAccountId, 'Virtual Machines' AS ServiceName,
                     'Usage' AS ChargeCategory, CASE WHEN i + 1 = {badRow} THEN 'US$' ELSE 'USD' END AS BillingCurrency,
                     TIMESTAMP '2024-05-01 00:00:00' + INTERVAL (i % 720) HOUR AS ChargePeriodStart,
                     TIMESTAMP '2024-05-01' AS BillingPeriodStart, TIMESTAMP '2024-06-01' AS BillingPeriodEnd,
                     CAST(0.25 AS DECIMAL(18, 6)) AS BilledCost, CAST(0.2 AS DOUBLE) AS EffectiveCost
              FROM range({rows}) t(i)
            ) TO '{path}' (FORMAT PARQUET, ROW_GROUP_SIZE {rowGroupSize})
            """;
        await command.ExecuteNonQueryAsync();
        return path;
    }
}
