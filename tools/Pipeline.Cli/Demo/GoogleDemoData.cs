using Pipeline.Simulators.Gcp;

namespace Pipeline.Cli.Demo;

/// <summary>
/// The demo's Google Cloud data as the Google simulator serves it: the synthetic Google rows as the billing export's
/// daily aggregate (GPU discounts as committed-use credits, the monthly credit as a promotion), plus GPU quotas and a
/// reservation in us-central1.
/// </summary>
internal static class GoogleDemoData
{
    public const string Project = "ai-training-prod";

    public static GoogleSimulatorData Create(SyntheticFocusGenerator generator, DateOnly firstDay, DateOnly lastDay)
    {
        var google = SyntheticProvider.All.Single(p => p.Name == "Google Cloud");
        var costs = new List<GoogleSimulatedCost>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var cell in generator.Rows(google, day).GroupBy(r => (r.Sub, r.Service.Name, r.Region, Tax: r.ChargeCategory == "Tax")))
            {
                var usage = cell.Where(r => r.ChargeCategory != "Credit").ToList();
                var project = google.SubAccounts[cell.Key.Sub];
                costs.Add(new GoogleSimulatedCost(day, project, project, cell.Key.Name, google.Regions[cell.Key.Region].Id, cell.Key.Tax ? "tax" : "regular",
                    usage.Sum(r => r.Billed), usage.Sum(r => SyntheticFocusGenerator.Effective(r) - r.Billed), cell.Where(r => r.ChargeCategory == "Credit").Sum(r => r.Billed)));
            }
        }

        return new GoogleSimulatorData(google.BillingAccountId, google.BillingAccountName, "USD", costs,
            [
                new(Project, "us-central1", "NVIDIA_H100_GPUS", 256, 192),
                new(Project, "us-central1", "PREEMPTIBLE_NVIDIA_H100_GPUS", 64, 0),
                new(Project, "us-central1", "COMMITTED_NVIDIA_H100_GPUS", 128, 96),
                new(Project, "us-central1", "NVIDIA_H200_GPUS", 64, 16),
            ],
            [new(Project, "us-central1-a", "h100-res-a", "a3-highgpu-8g", 8, 8)]);
    }
}
