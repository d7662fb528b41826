using Pipeline.Application.Export;
using Pipeline.Core.Costs;

namespace Pipeline.Application.Tests.Export;

public class FocusCsvExporterTests
{
    [Fact]
    public async Task Writes_focus_names_iso_utc_dates_exact_amounts_and_quotes_where_needed()
    {
        var row = new CostRow
        {
            ChargePeriodStart = new DateOnly(2025, 2, 28), BillingPeriodStart = new DateOnly(2025, 2, 1), BillingPeriodEnd = new DateOnly(2025, 3, 1),
            ProviderName = "Microsoft", BillingAccountId = "ba/1", ServiceName = "Azure \"OpenAI\", Service", ChargeCategory = "Usage",
            BillingCurrency = "EUR", BilledCost = 0.1234567890123m, EffectiveCost = -5m, SourceKind = "export", Source = "focus-exports", SourceRowCount = 3,
        };
        var writer = new StringWriter();

        var count = await FocusCsvExporter.WriteAsync(new[] { row }.ToAsyncEnumerable(), writer, CancellationToken.None);

        count.Should().Be(1);
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory");
        lines[1].Should().Be("ba/1,,EUR,2025-02-01T00:00:00Z,2025-03-01T00:00:00Z,2025-02-28T00:00:00Z,2025-03-01T00:00:00Z,Usage,,,Microsoft,,,\"Azure \"\"OpenAI\"\", Service\",,,,0.1234567890123,-5,,,,export,focus-exports,3,false");
    }
}
