using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Pipeline.Cli.Demo;

/// <summary>
/// Deterministic synthetic FOCUS 1.2 data for AWS, Microsoft, Google Cloud and Oracle: weekly seasonality
/// (quiet weekends), growth ramps (steeper on GPU-heavy services), monthly credits, daily tax, and one obvious
/// spike on AWS EC2. Same arguments, same bytes.
/// </summary>
internal sealed class SyntheticFocusGenerator(DateOnly firstDay, int days, int resourcesPerService)
{
    public static readonly string[] Header =
    [
        "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
        "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "PricingCategory", "ProviderName",
        "PublisherName", "InvoiceIssuerName", "SubAccountId", "SubAccountName", "ServiceName", "ServiceCategory", "RegionId", "RegionName",
        "ResourceId", "SkuId", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity", "PricingUnit", "Tags",
    ];

    /// <summary>Day index (from the first day) of the AWS EC2 spike.</summary>
    public int SpikeDay => Math.Max(0, days - 45);

    public DateOnly LastDay => firstDay.AddDays(days - 1);

    /// <summary>Everything in one CSV.gz (the benchmark and backtest input). Returns the number of data rows.</summary>
    public long WriteSingleFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = OpenGzipWriter(path);
        WriteHeader(writer);
        long rows = 0;
        for (var day = firstDay; day <= LastDay; day = day.AddDays(1))
        {
            foreach (var provider in SyntheticProvider.All)
            {
                rows += WriteDay(writer, provider, day);
            }
        }

        return rows;
    }

    private long WriteDay(TextWriter writer, SyntheticProvider provider, DateOnly day)
    {
        long rows = 0;
        foreach (var row in Rows(provider, day))
        {
            WriteRow(writer, provider, day, row.Sub, row.Service, row.Region, row.Resource, row.ChargeCategory, row.Billed, row.Gpu);
            rows++;
        }

        return rows;
    }

    /// <summary>The provider's source rows of one day (what the export files hold and the API simulators serve).</summary>
    public IEnumerable<SyntheticRow> Rows(SyntheticProvider provider, DateOnly day)
    {
        var index = day.DayNumber - firstDay.DayNumber;
        var t = days <= 1 ? 1.0m : index / (decimal)(days - 1);
        var weekday = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.72m : 1m;
        var shares = provider.SubAccounts.Length * provider.Regions.Length * resourcesPerService;
        for (var s = 0; s < provider.SubAccounts.Length; s++)
        {
            for (var v = 0; v < provider.Services.Length; v++)
            {
                var service = provider.Services[v];
                var isTax = service.Name == "Tax";
                var growth = service.Gpu ? 0.4m + (1.6m * t) : 0.6m + (0.9m * t);
                var spike = provider.Name == "AWS" && service.Name == "Amazon Elastic Compute Cloud" && index == SpikeDay ? 6m : 1m;
                var daily = isTax ? 1_500m : service.DailyBase * growth * weekday * spike;
                for (var r = 0; r < provider.Regions.Length; r++)
                {
                    for (var k = 0; k < resourcesPerService; k++)
                    {
                        var noise = 0.9m + (Noise(index, s, v, r, k) * 0.2m);
                        var billed = Math.Round(daily / shares * noise, 6);
                        yield return new SyntheticRow(s, service, r, k, isTax ? "Tax" : "Usage", billed, service.Gpu);
                    }
                }
            }
        }

        if (day.Day == 1 && provider.Name is "AWS" or "Google Cloud")
        {
            yield return new SyntheticRow(0, provider.Services[0], 0, 0, "Credit", -5_000m, false);
        }
    }

    /// <summary>EffectiveCost of a synthetic row: GPU usage is partly covered by commitments (10% cheaper amortized).</summary>
    public static decimal Effective(SyntheticRow row) => row.Gpu ? Math.Round(row.Billed * 0.9m, 6) : row.Billed;

    private static void WriteRow(TextWriter w, SyntheticProvider provider, DateOnly day, int sub, (string Name, string Category, decimal DailyBase, bool Gpu) service,
        int region, int resource, string chargeCategory, decimal billed, bool gpu)
    {
        var period = new DateOnly(day.Year, day.Month, 1);
        var effective = gpu ? Math.Round(billed * 0.9m, 6) : billed;
        var (regionId, regionName) = provider.Regions[region];
        var inv = CultureInfo.InvariantCulture;
        w.Write(Csv(provider.BillingAccountId)); w.Write(',');
        w.Write(provider.BillingAccountName); w.Write(",USD,");
        w.Write(Date(period)); w.Write(',');
        w.Write(Date(period.AddMonths(1))); w.Write(',');
        w.Write(Date(day)); w.Write(',');
        w.Write(Date(day.AddDays(1))); w.Write(',');
        w.Write(chargeCategory); w.Write(',');
        w.Write(',');
        w.Write(Csv($"{service.Name} {chargeCategory.ToLowerInvariant()}")); w.Write(',');
        w.Write(chargeCategory == "Usage" ? "Usage-Based" : "One-Time"); w.Write(',');
        w.Write(chargeCategory == "Usage" ? (gpu && resource % 2 == 0 ? "Committed" : "Standard") : string.Empty); w.Write(',');
        w.Write(provider.Name); w.Write(','); w.Write(provider.Name); w.Write(','); w.Write(provider.Name); w.Write(',');
        w.Write(provider.SubAccounts[sub]); w.Write(',');
        w.Write(Csv($"sub-{sub}")); w.Write(',');
        w.Write(Csv(service.Name)); w.Write(',');
        w.Write(service.Category); w.Write(',');
        w.Write(regionId); w.Write(',');
        w.Write(Csv(regionName)); w.Write(',');
        w.Write($"res-{sub}-{region}-{resource}"); w.Write(',');
        w.Write(gpu ? "gpu-h100-hour" : "std"); w.Write(',');
        w.Write(billed.ToString(inv)); w.Write(',');
        w.Write(effective.ToString(inv)); w.Write(',');
        w.Write(Math.Round(billed * 1.25m, 6).ToString(inv)); w.Write(',');
        w.Write(Math.Round(billed * 1.05m, 6).ToString(inv)); w.Write(',');
        w.Write(gpu ? "8" : "1"); w.Write(','); w.Write("Hours"); w.Write(',');
        w.Write("\"{\"\"team\"\":\"\"research\"\",\"\"env\"\":\"\"prod\"\"}\"");
        w.Write('\n');
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static void WriteHeader(TextWriter writer) => writer.Write(string.Join(',', Header) + "\n");

    private static StreamWriter OpenGzipWriter(string path)
    {
        var file = File.Create(path);
        var gzip = new GZipStream(file, CompressionLevel.Fastest);
        return new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
    }

    private static string Csv(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    /// <summary>A deterministic value in [0, 1) from the row's coordinates (no shared random sequence).</summary>
    private static decimal Noise(int day, int sub, int service, int region, int resource)
    {
        // Not HashCode.Combine: it is seeded per process, and the demo must be the same on every run.
        var h = unchecked((uint)(day * 73856093) ^ (uint)(sub * 19349663) ^ (uint)(service * 83492791) ^ ((uint)region * 2654435761u) ^ (uint)(resource * 40503));
        h ^= h >> 13;
        h = unchecked(h * 0x5bd1e995);
        h ^= h >> 15;
        return (h % 10_000) / 10_000m;
    }
}
