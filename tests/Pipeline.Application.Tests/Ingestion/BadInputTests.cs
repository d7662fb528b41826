using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Core.Ingestion;
using Pipeline.Storage.Costs;
using Pipeline.Storage.Tables;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Ingestion;

/// <summary>Every kind of bad input is rejected with a clear reason and leaves the costs table exactly as it was.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string Header = "ProviderName,BillingAccountId,ServiceName,ChargeCategory,BillingCurrency,ChargePeriodStart,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost";
    private const string GoodRow = "AWS,acct-1,EC2,Usage,USD,2025-05-02T00:00:00Z,2025-05-01T00:00:00Z,2025-06-01T00:00:00Z,5.00,4.50";

    private readonly string _folder = Directory.CreateTempSubdirectory("bad-input-").FullName;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "missing-columns", "ProviderName,BilledCost\nAWS,1\n", "missing mandatory FOCUS column(s): ChargePeriodStart, BillingPeriodStart, BillingPeriodEnd, BillingAccountId" },
        { "non-numeric", $"{Header}\n{GoodRow.Replace("5.00,", "five,", StringComparison.Ordinal)}\n", ":2: column BilledCost: 'five' is not a decimal number" },
        { "huge-amount", $"{Header}\n{GoodRow.Replace("5.00,", "1e40,", StringComparison.Ordinal)}\n", ":2: column BilledCost: '1e40' is not a decimal number" },
        { "unknown-currency", $"{Header}\n{GoodRow.Replace("USD", "ABC", StringComparison.Ordinal)}\n", ":2: column BillingCurrency: 'ABC' is not an ISO 4217 currency code" },
        { "five-megabytes", $"{Header}\n{GoodRow.Replace("EC2", new string('x', 5 << 20), StringComparison.Ordinal)}\n", ":2: column ServiceName: value of 5,242,880 characters exceeds the limit of 32,768" },
        { "ambiguous-date", $"{Header}\n{GoodRow.Replace("2025-05-02T00:00:00Z", "5/2/25", StringComparison.Ordinal)}\n", ":2: column ChargePeriodStart: '5/2/25' is not an ISO 8601 date/time" },
        { "broken-gzip", "gzip:not really gzip", "cannot be read" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_rejected_with_its_reason_and_the_table_is_unchanged(string name, string content, string expected)
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        var ingestion = host.Services.GetRequiredService<FocusExportIngestion>();
        await ingestion.IngestAsync(Write("good.csv", $"{Header}\n{GoodRow}\n"));
        var before = await SnapshotAsync(host);

        var act = () => ingestion.IngestAsync(Write($"{name}.csv", content));

        var error = (await act.Should().ThrowAsync<InvalidSourceDataException>()).Which;
        error.Message.Should().Contain(expected).And.Contain($"{name}.csv").And.Contain("nothing was written");
        (await SnapshotAsync(host)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Keys_with_characters_table_storage_forbids_are_stored_and_read_back_unchanged()
    {
        using var host = PipelineTestHost.Create(TestStorage.NewPrefix());
        const string account = @"billing/acct\7#x?y|z%";
        var path = Write("odd.csv", $"{Header}\n{GoodRow.Replace("acct-1", account, StringComparison.Ordinal)}\n");

        await host.Services.GetRequiredService<FocusExportIngestion>().IngestAsync(path);

        var rows = new List<Core.Costs.CostRow>();
        await foreach (var row in host.Services.GetRequiredService<CostStore>().QueryAsync())
        {
            rows.Add(row);
        }

        rows.Single().BillingAccountId.Should().Be(account);
        rows.Single().BilledCost.Should().Be(5.00m);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        if (content.StartsWith("gzip:", StringComparison.Ordinal))
        {
            // gzip magic followed by garbage: looks compressed, is not.
            File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0x00, .. Encoding.ASCII.GetBytes(content)]);
        }
        else
        {
            File.WriteAllText(path, content);
        }

        return path;
    }

    private static async Task<List<(string, string, string)>> SnapshotAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        var table = await host.Services.GetRequiredService<PipelineTables>().GetAsync(PipelineTables.Costs);
        var rows = new List<(string, string, string)>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            rows.Add((entity.PartitionKey, entity.RowKey, entity.ETag.ToString()));
        }

        rows.Should().NotBeEmpty("the good ingest wrote rows first");
        return rows;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
