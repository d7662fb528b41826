using System.Text;

namespace Pipeline.Connectors.Tests.Focus;

public class FocusExportReaderTests
{
    [Fact]
    public async Task Hourly_rows_aggregate_to_one_daily_row_per_dimension_set_with_exact_sums()
    {
        using var files = new FocusFiles();
        var lines = Enumerable.Range(0, 24).Select(h => FocusFiles.Row(day: $"2024-03-05T{h:00}:00:00Z", billed: "0.1", effective: "0.07"));
        var path = files.Write("hourly.csv", FocusFiles.Header + "\n" + string.Join("\n", lines) + "\n");

        var (rows, errors, read) = await FocusFiles.ReadAsync(path);

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        read.Should().Be(24);
        var row = rows.Should().ContainSingle().Subject;
        row.ChargePeriodStart.Should().Be(new DateOnly(2024, 3, 5));
        row.BilledCost.Should().Be(2.4m);
        row.EffectiveCost.Should().Be(1.68m);
        row.ListCost.Should().Be(48m);
        row.SourceRowCount.Should().Be(24);
        row.ProviderName.Should().Be("AWS");
        row.BillingPeriodEnd.Should().Be(new DateOnly(2024, 4, 1));
    }

    [Fact]
    public async Task Real_export_quirks_are_normalized_bom_crlf_null_literals_space_dates_lower_case_and_quoted_json()
    {
        using var files = new FocusFiles();
        var content = FocusFiles.Header + "\r\n"
            + "AWS,111122223333,NULL,NULL,\"Amazon, EC2\",compute,NULL,usage,NULL,on-demand,usd,2024-03-05 10:00:00,2024-03-05 11:00:00,2024-03-01 00:00:00,2024-03-31 23:59:59,1.5,1.5,NULL,\"{\"\"a\"\":\"\"b,c\"\"}\"\r\n"
            + "\r\n";
        var path = files.Write("quirks.csv", content, encoding: new UTF8Encoding(true));

        var (rows, errors, _) = await FocusFiles.ReadAsync(path);

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        var row = rows.Should().ContainSingle().Subject;
        row.ServiceName.Should().Be("Amazon, EC2");
        row.ServiceCategory.Should().Be("Compute");
        row.ChargeCategory.Should().Be("Usage");
        row.PricingCategory.Should().Be("Standard");
        row.BillingCurrency.Should().Be("USD");
        row.BillingAccountName.Should().BeNull();
        row.RegionId.Should().BeNull();
        row.ListCost.Should().BeNull();
        row.BillingPeriodEnd.Should().Be(new DateOnly(2024, 4, 1));
    }

    [Fact]
    public async Task Gzipped_csv_is_detected_from_its_bytes()
    {
        using var files = new FocusFiles();
        var path = files.Write("export.data", FocusFiles.Header + "\n" + FocusFiles.Row() + "\n", gzip: true);

        var (rows, errors, _) = await FocusFiles.ReadAsync(path);

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        rows.Single().BilledCost.Should().Be(1.50m);
    }

    [Fact]
    public async Task A_file_missing_mandatory_columns_is_rejected_with_every_missing_column_named()
    {
        var (rows, errors, _) = await FocusFiles.ReadAsync(FocusFiles.Fixture("focus-validator", "all_fail.csv"));

        rows.Should().BeEmpty();
        var message = errors.Samples.Single().ToString();
        message.Should().Contain("missing mandatory FOCUS column(s)");
        foreach (var column in new[] { "ChargePeriodStart", "BillingPeriodStart", "BillingPeriodEnd", "ProviderName", "BillingAccountId", "ChargeCategory", "BillingCurrency", "BilledCost", "EffectiveCost" })
        {
            message.Should().Contain(column);
        }
    }

    [Fact]
    public async Task Spec_scenarios_without_provider_and_account_columns_are_rejected_by_name()
    {
        var (_, errors, _) = await FocusFiles.ReadAsync(FocusFiles.Fixture("focus-spec-scenarios", "commitment_discount_scenarios", "commitment_discount_usage_scenario_4.csv"));

        errors.Samples.Single().Message.Should().Be("missing mandatory FOCUS column(s): ProviderName, BillingAccountId, BillingCurrency");
    }

    [Fact]
    public async Task A_parquet_file_missing_mandatory_columns_is_rejected()
    {
        var (_, errors, _) = await FocusFiles.ReadAsync(FocusFiles.Fixture("focus-validator", "sample.parquet"));

        errors.Samples.Single().Message.Should().StartWith("missing mandatory FOCUS column(s): ChargePeriodStart");
    }

    [Fact]
    public async Task Focus_0_5_column_names_are_mapped_and_an_inverted_billing_period_is_caught()
    {
        // The validator's 0.5 "pass" sample writes BillingPeriodEnd (06-01) before BillingPeriodStart (06-30):
        // the 0.5 names (ChargeType, Provider, AmortizedCost) resolve, and the inverted period is reported per row.
        var (rows, errors, _) = await FocusFiles.ReadAsync(FocusFiles.Fixture("focus-validator", "all_pass_0.5.csv"));

        rows.Should().BeEmpty();
        errors.Samples.Should().HaveCount(2).And.OnlyContain(e => e.Column == "BillingPeriodEnd" && e.Message == "BillingPeriodEnd is not after BillingPeriodStart");
        errors.Samples.Select(e => e.Line).Should().Equal(2, 3);
    }

    [Fact]
    public async Task Focus_0_5_column_names_are_accepted()
    {
        using var files = new FocusFiles();
        var path = files.Write("v05.csv", "InvoiceIssuer,ChargeType,Provider,BillingAccountId,ServiceName,Region,ChargePeriodStart,BillingPeriodStart,BillingPeriodEnd,BilledCost,AmortizedCost,BilledCurrency\n"
            + "A,Purchase,A,a1,svc,r1,2023-06-01T00:00:00Z,2023-06-01T00:00:00Z,2023-07-01T00:00:00Z,0.1,0.01,AUD\n");

        var (rows, errors, _) = await FocusFiles.ReadAsync(path);

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        var row = rows.Single();
        (row.ProviderName, row.ChargeCategory, row.RegionId, row.BillingCurrency, row.BilledCost, row.EffectiveCost)
            .Should().Be(("A", "Purchase", "r1", "AUD", 0.1m, 0.01m));
    }

    [Fact]
    public async Task Currency_formatted_amounts_and_ambiguous_dates_are_reported_with_line_numbers()
    {
        var (rows, errors, _) = await FocusFiles.ReadAsync(FocusFiles.Fixture("focus-spec-scenarios", "saas_examples", "simple_agreements", "simple_saas_agreements_c.csv"));

        rows.Should().BeEmpty();
        errors.Count.Should().Be(3);
        errors.Samples.Select(e => e.Line).Should().Equal(2, 3, 4);
        errors.Samples[0].Message.Should().Contain("'4/1/25' is not an ISO 8601 date/time");
    }

    [Fact]
    public async Task Non_numeric_cost_is_reported_with_line_and_column()
    {
        using var files = new FocusFiles();
        var path = files.Write("bad.csv", FocusFiles.Header + "\n" + FocusFiles.Row() + "\n" + FocusFiles.Row(billed: "\"$10,000.00\"") + "\n" + FocusFiles.Row() + "\n");

        var (_, errors, read) = await FocusFiles.ReadAsync(path);

        read.Should().Be(3);
        var error = errors.Samples.Single();
        error.Line.Should().Be(3);
        error.Column.Should().Be("BilledCost");
        error.Message.Should().Contain("is not a decimal number");
    }

    [Fact]
    public async Task Unknown_currency_codes_are_errors_not_guesses()
    {
        using var files = new FocusFiles();
        var path = files.Write("cur.csv", FocusFiles.Header + "\n" + FocusFiles.Row(currency: "XYZ") + "\n");

        var (_, errors, _) = await FocusFiles.ReadAsync(path);

        errors.Samples.Single().ToString().Should().EndWith("cur.csv:2: column BillingCurrency: 'XYZ' is not an ISO 4217 currency code");
    }

    [Fact]
    public async Task A_five_megabyte_field_is_rejected_with_its_line()
    {
        using var files = new FocusFiles();
        var huge = new string('x', 5 * 1024 * 1024);
        var path = files.Write("huge.csv", FocusFiles.Header + "\n" + FocusFiles.Row() + "\n" + FocusFiles.Row(service: huge) + "\n");

        var (_, errors, _) = await FocusFiles.ReadAsync(path);

        var error = errors.Samples.Single();
        error.Line.Should().Be(3);
        error.Column.Should().Be("ServiceName");
        error.Message.Should().Contain("exceeds the limit of 32,768");
    }

    [Fact]
    public async Task A_broken_gzip_file_is_reported_by_name()
    {
        using var files = new FocusFiles();
        var path = Path.Combine(files.Folder, "broken.csv.gz");
        await File.WriteAllBytesAsync(path, [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x04]);

        var (rows, errors, _) = await FocusFiles.ReadAsync(path);

        rows.Should().BeEmpty();
        errors.Samples.Single().ToString().Should().Contain("broken.csv.gz").And.Contain("cannot be read");
    }

    [Fact]
    public async Task A_truncated_gzip_file_is_an_error_not_a_short_read()
    {
        using var files = new FocusFiles();
        var full = files.Write("full.csv.gz", FocusFiles.Header + "\n" + string.Join("\n", Enumerable.Range(0, 5000).Select(_ => FocusFiles.Row())) + "\n", gzip: true);
        var bytes = await File.ReadAllBytesAsync(full);
        var truncated = Path.Combine(files.Folder, "sub", "truncated.csv.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(truncated)!);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);

        var (_, errors, _) = await FocusFiles.ReadAsync(truncated);

        errors.HasErrors.Should().BeTrue();
        errors.Samples.Should().Contain(e => e.File.EndsWith("truncated.csv.gz"));
    }

    [Fact]
    public async Task Rows_with_the_wrong_number_of_fields_are_reported()
    {
        using var files = new FocusFiles();
        var path = files.Write("short.csv", FocusFiles.Header + "\nAWS,1,2\n");

        var (_, errors, _) = await FocusFiles.ReadAsync(path);

        errors.Samples.Single().Message.Should().Contain("has 3 field(s) but the header has 19");
    }

    [Fact]
    public async Task Every_file_of_a_folder_is_read_into_one_aggregate()
    {
        using var files = new FocusFiles();
        files.Write("a/part-0.csv", FocusFiles.Header + "\n" + FocusFiles.Row(billed: "1") + "\n");
        files.Write("a/part-1.csv.gz", FocusFiles.Header + "\n" + FocusFiles.Row(billed: "2") + "\n", gzip: true);
        files.Write("a/manifest.json", "{}");

        var (rows, errors, read) = await FocusFiles.ReadAsync(Path.Combine(files.Folder, "a"));

        errors.HasErrors.Should().BeFalse(errors.Summarize());
        read.Should().Be(2);
        rows.Single().BilledCost.Should().Be(3m);
    }
}
