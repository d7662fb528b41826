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
}
