using Pipeline.Application.Export;
using Pipeline.Core.BurnRate;

namespace Pipeline.Application.Tests.Export;

public class BurnRateCsvExporterTests
{
    [Fact]
    public async Task Writes_the_published_columns_in_order_with_exact_values()
    {
        var snapshot = new BurnRateSnapshot
        {
            ContractCommitmentId = "azure-macc-2025", AsOf = new DateOnly(2026, 11, 26), PeriodStart = new DateOnly(2026, 11, 1), PeriodEnd = new DateOnly(2028, 11, 1),
            PeriodAmount = 98_000_000m, Currency = "USD", Consumed = 3_200_000.5m, Expected = 3_485_000m, PaceRatio = 0.918220946915351506456241033m,
            Rate7 = 120_000m, Rate30 = 119_500.25m, RequiredRate = null, BurnRatio = null, ForecastP10 = 1m, ForecastP50 = 2m, ForecastP90 = 3m,
            ProjectedShortfall = 0m, ExhaustionDate = new DateOnly(2028, 8, 30), Status = BurnStatus.Watch,
        };
        var writer = new StringWriter();

        await BurnRateCsvExporter.WriteAsync(new[] { snapshot }.ToAsyncEnumerable(), writer, CancellationToken.None);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("ContractCommitmentId,AsOf,PeriodStart,PeriodEnd,PeriodAmount,Consumed,Expected,PaceRatio,Rate7,Rate30,RequiredRate,BurnRatio,ForecastP10,ForecastP50,ForecastP90,ProjectedShortfall,ExhaustionDate,Status");
        lines[1].Should().Be("azure-macc-2025,2026-11-26,2026-11-01,2028-11-01,98000000,3200000.5,3485000,0.918221,120000,119500.25,,,1,2,3,0,2028-08-30,Watch");
    }

    [Fact]
    public async Task A_commitment_id_a_spreadsheet_would_run_as_a_formula_is_neutralized_and_amounts_are_not()
    {
        var snapshot = new BurnRateSnapshot
        {
            ContractCommitmentId = "=HYPERLINK(\"http://evil\",\"x\")", AsOf = new DateOnly(2026, 11, 26), PeriodStart = new DateOnly(2026, 11, 1), PeriodEnd = new DateOnly(2027, 11, 1),
            PeriodAmount = 10m, Currency = "USD", Consumed = -3m, Expected = 1m, Rate7 = -1m, Rate30 = 0m, ForecastP10 = 1m, ForecastP50 = 2m, ForecastP90 = 3m,
            ProjectedShortfall = -2m, Status = BurnStatus.Watch,
        };
        var writer = new StringWriter();

        await BurnRateCsvExporter.WriteAsync(new[] { snapshot }.ToAsyncEnumerable(), writer, CancellationToken.None);

        writer.ToString().Split(Environment.NewLine)[1].Should().StartWith("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",2026-11-26,").And.Contain(",10,-3,1,");
    }
}
