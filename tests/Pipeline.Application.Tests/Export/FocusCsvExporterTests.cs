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

    [Fact]
    public async Task Text_cells_a_spreadsheet_would_run_as_formulas_get_an_apostrophe_and_amounts_stay_exact()
    {
        var row = Row("focus-exports", 1) with
        {
            ServiceName = "=HYPERLINK(\"http://evil\")", SubAccountName = "+1+1", RegionName = "@SUM(A1:A9)", BillingAccountName = "-2+3", ServiceCategory = "\tCompute",
            ChargeClass = "\rCorrection", BilledCost = -5.25m, EffectiveCost = -0.5m,
        };
        var writer = new StringWriter();

        await FocusCsvExporter.WriteAsync(new[] { row }.ToAsyncEnumerable(), writer, CancellationToken.None);

        var cells = writer.ToString().Split(Environment.NewLine)[1];
        cells.Should().Contain("\"'=HYPERLINK(\"\"http://evil\"\")\"").And.Contain(",'+1+1,").And.Contain(",'@SUM(A1:A9),").And.Contain(",'-2+3,")
            .And.Contain(",'\tCompute,").And.Contain("\"'\rCorrection\"").And.Contain(",-5.25,-0.5,");
    }

    [Fact]
    public async Task A_scan_that_saw_a_replacement_commit_is_discarded_and_the_file_holds_one_version()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():n}.csv");
        var attempts = 0;
        try
        {
            var count = await FocusCsvExporter.WriteFileAsync(() => Scan(++attempts), path, CancellationToken.None);

            (count, attempts).Should().Be((2, 2));
            File.ReadAllLines(path).Skip(1).Should().OnlyContain(l => l.Contains(",second,", StringComparison.Ordinal), "only the clean second scan is in the file");
            File.Exists(path + ".partial").Should().BeFalse();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_export_that_never_gets_a_clean_scan_fails_and_leaves_the_previous_file_untouched()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():n}.csv");
        await File.WriteAllTextAsync(path, "previous export");
        try
        {
            var act = () => FocusCsvExporter.WriteFileAsync(() => Scan(1), path, CancellationToken.None);

            await act.Should().ThrowAsync<Pipeline.Storage.Costs.CostsChangedDuringReadException>();
            (await File.ReadAllTextAsync(path)).Should().Be("previous export");
            File.Exists(path + ".partial").Should().BeFalse();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The first scan sees a replacement commit half-way (as CostStore.QueryAsync reports it); later ones are clean.</summary>
    private static async IAsyncEnumerable<CostRow> Scan(int attempt)
    {
        await Task.Yield();
        var source = attempt == 1 ? "first" : "second";
        yield return Row(source, 1);
        yield return Row(source, 2);
        if (attempt == 1)
        {
            throw new Pipeline.Storage.Costs.CostsChangedDuringReadException();
        }
    }

    private static CostRow Row(string source, int day) => new()
    {
        ChargePeriodStart = new DateOnly(2025, 3, day), BillingPeriodStart = new DateOnly(2025, 3, 1), BillingPeriodEnd = new DateOnly(2025, 4, 1), ProviderName = "AWS",
        BillingAccountId = "1", ChargeCategory = "Usage", BillingCurrency = "USD", BilledCost = day, EffectiveCost = day, SourceKind = "api", Source = source,
    };
}
