using Pipeline.Simulators.Azure;

namespace Pipeline.Cli.Demo;

/// <summary>
/// The demo's Azure data as the Azure simulator serves it: the synthetic Microsoft rows as Cost Management cells
/// (locations spelled as display names, as the query returns them), the MACC of the sample commitments file as a
/// Consumption lot, and GPU quotas and a capacity reservation shaped to show a nearly exhausted family and an
/// unknown one.
/// </summary>
internal static class AzureDemoData
{
    public const string Subscription = "00000000-0000-0000-0000-000000000001";
    public const string BillingAccount = "8611537:a4a2_2019-05-31";

    public static AzureSimulatorData Create(SyntheticFocusGenerator generator, DateOnly firstDay, DateOnly lastDay)
    {
        var microsoft = SyntheticProvider.All.Single(p => p.Name == "Microsoft");
        string[] names = ["ai-training", "ai-inference"];
        var costs = new List<AzureSimulatedCost>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var cell in generator.Rows(microsoft, day).GroupBy(r => (r.Sub, r.Service.Name, r.Region)))
            {
                costs.Add(new AzureSimulatedCost(day, microsoft.SubAccounts[cell.Key.Sub], names[cell.Key.Sub % names.Length], cell.Key.Name,
                    microsoft.Regions[cell.Key.Region].Name, cell.Sum(r => r.Billed), cell.Sum(SyntheticFocusGenerator.Effective)));
            }
        }

        // Billing-level charges without a subscription, as Cost Management reports them at billing-account scope: the
        // support plan bought on the 1st of each month.
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (day.Day == 1)
            {
                costs.Add(new AzureSimulatedCost(day, string.Empty, string.Empty, "Azure Support", string.Empty, 10_000m, 10_000m, "Purchase"));
            }
        }

        // Microsoft reports the balance as of the last closed month: the commitment less the billed spend since its start.
        var maccStart = new DateOnly(2025, 11, 1);
        var closed = new DateOnly(lastDay.Year, lastDay.Month, 1);
        var balance = 126_000_000m - costs.Where(c => c.Day >= maccStart && c.Day < closed).Sum(c => c.Actual);
        return new AzureSimulatorData(
            BillingAccount,
            "USD",
            costs,
            // The sample file's azure-macc-2025: the file keeps its ramp, the lot supplies the balance Microsoft reports.
            [new AzureSimulatedLot("2025", 126_000_000m, Math.Round(balance, 2), maccStart, new DateOnly(2028, 11, 1), BalanceAsOf: closed)],
            [
                new(Subscription, "eastus2", "standardNDSH100v5Family", "Standard NDSH100v5 Family vCPUs", 2976, 3072),
                new(Subscription, "eastus2", "standardNDISRH200V5Family", "Standard NDISRH200V5 Family vCPUs", 384, 768),
                new(Subscription, "eastus2", "StandardNDGB300v6Family", "Standard NDGB300v6 Family vCPUs", 0, 512),
                new(Subscription, "eastus2", "lowPriorityCores", "Total Regional Low-priority vCPUs", 0, 1000),
                new(Subscription, "eastus2", "standardDSv5Family", "Standard DSv5 Family vCPUs", 8, 100),
                new(Subscription, "swedencentral", "standardNDSH100v5Family", "Standard NDSH100v5 Family vCPUs", 768, 1536),
            ],
            [new(Subscription, "rg-ai", "crg-h100", "cr-nd-h100", "eastus2", "Standard_ND96isr_H100_v5", 8, 6)]);
    }
}
