using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Focus;
using Pipeline.Core.Costs;
using Pipeline.Core.Ingestion;

namespace Pipeline.Connectors.Tests.Focus;

/// <summary>Writes FOCUS test files to a temp folder and reads them back through the production reader.</summary>
internal sealed class FocusFiles : IDisposable
{
    public const string Header = "ProviderName,BillingAccountId,BillingAccountName,SubAccountId,ServiceName,ServiceCategory,RegionId,ChargeCategory,ChargeClass,PricingCategory,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost,ListCost,Tags";

    public string Folder { get; } = Directory.CreateTempSubdirectory("focus-test-").FullName;

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static string Row(string day = "2024-03-05T00:00:00Z", string billed = "1.50", string effective = "1.25", string service = "Amazon EC2",
        string currency = "USD", string category = "Usage", string account = "111122223333", string period = "2024-03-01T00:00:00Z",
        string periodEnd = "2024-04-01T00:00:00Z", string tags = "\"{\"\"team\"\":\"\"ml\"\"}\"") =>
        $"AWS,{account},payer,444455556666,{service},Compute,us-east-1,{category},,Standard,{currency},{day},{day},{period},{periodEnd},{billed},{effective},2.00,{tags}";

    public string Write(string name, string content, bool gzip = false, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = (encoding ?? new UTF8Encoding(false)).GetPreamble().Concat((encoding ?? Encoding.UTF8).GetBytes(content)).ToArray();
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    public static async Task<(List<CostRow> Rows, SourceErrorLog Errors, long RowsRead)> ReadAsync(string path)
    {
        var aggregator = new DailyCostAggregator();
        var errors = new SourceErrorLog();
        var reader = new FocusExportReader(NullLogger<FocusExportReader>.Instance);
        var read = await reader.ReadAsync(new LocalFocusFileSource(path), aggregator, errors);
        return (aggregator.ToRows("test", "export"), errors, read);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
