using System.Globalization;
using System.Text;

namespace Pipeline.Application.Tests.Ingestion;

/// <summary>
/// Writes a FOCUS 1.0 export shaped like AWS Data Exports' FOCUS 1.0 table: hourly resource-level rows for several
/// linked accounts, credits, a tax line, corrections with ChargeClass left unset, NULL literals and JSON tags.
/// Seeded, so the file is the same on every run.
/// </summary>
internal static class Focus10Export
{
    public const string Header = "AvailabilityZone,BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,CommitmentDiscountCategory,CommitmentDiscountId,CommitmentDiscountName,CommitmentDiscountStatus,CommitmentDiscountType,ConsumedQuantity,ConsumedUnit,ContractedCost,ContractedUnitPrice,EffectiveCost,InvoiceIssuerName,ListCost,ListUnitPrice,PricingCategory,PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionId,RegionName,ResourceId,ResourceName,ResourceType,ServiceCategory,ServiceName,SkuId,SkuPriceId,SubAccountId,SubAccountName,Tags";

    public static string Write(string path, int seed = 7)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Header).Append('\n');
        string[] accounts = ["111111111111", "222222222222", "333333333333"];
        (string Name, string Category)[] services = [("Amazon Elastic Compute Cloud", "Compute"), ("Amazon SageMaker", "AI and Machine Learning"), ("Amazon Simple Storage Service", "Storage")];
        for (var day = 1; day <= 5; day++)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                foreach (var account in accounts)
                {
                    foreach (var (service, category) in services)
                    {
                        var billed = Math.Round((decimal)random.NextDouble() * 12.5m, 8);
                        var start = new DateTime(2024, 9, day, hour, 0, 0, DateTimeKind.Utc);
                        Line(text, billed, Math.Round(billed * 0.93m, 8), account, service, category, start, start.AddHours(1), "Usage", "NULL", "Usage-Based");
                    }
                }
            }

            Line(text, -3.25m, -3.25m, accounts[0], services[0].Name, services[0].Category, Day(day), Day(day + 1), "Credit", "NULL", "One-Time");
            Line(text, 1.1m, 1.1m, accounts[1], "Tax", "Other", Day(day), Day(day + 1), "Tax", "NULL", "One-Time");
        }

        // A correction of an earlier hour; AWS FOCUS 1.0 leaves ChargeClass unset on these.
        Line(text, -0.75m, -0.75m, accounts[2], services[0].Name, services[0].Category, Day(2).AddHours(3), Day(2).AddHours(4), "Usage", string.Empty, "Usage-Based");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static DateTime Day(int day) => new(2024, 9, day, 0, 0, 0, DateTimeKind.Utc);

    private static void Line(StringBuilder text, decimal billed, decimal effective, string account, string service, string category,
        DateTime start, DateTime end, string chargeCategory, string chargeClass, string frequency)
    {
        var inv = CultureInfo.InvariantCulture;
        string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv);
        text.Append(inv, $"us-east-1a,{billed},999999999999,org-payer,USD,2024-10-01T00:00:00Z,2024-09-01T00:00:00Z,{chargeCategory},{chargeClass},\"{service}, hourly\",{frequency},{Iso(end)},{Iso(start)},NULL,NULL,NULL,NULL,NULL,1,Hrs,{billed},NULL,{effective},\"Amazon Web Services, Inc.\",{billed},NULL,Standard,1,Hrs,AWS,AWS,us-east-1,US East (N. Virginia),arn:aws:ec2:us-east-1:{account}:instance/i-1,NULL,Instance,{category},{service},SKU1,SKU1-P,{account},acct-{account[..3]},\"{{\"\"user:team\"\":\"\"ml\"\"}}\"\n");
    }
}
