using Pipeline.Simulators.Oci;

namespace Pipeline.Cli.Demo;

/// <summary>
/// The demo's Oracle data as the OCI simulator serves it: the synthetic Oracle rows as Usage API daily items (the
/// amount after the contract's discounts), and GPU limit availability per availability domain, shaped to show a
/// sold-out domain and a capacity commitment whose delivery is behind.
/// </summary>
internal static class OciDemoData
{
    public static OciSimulatorData Create(SyntheticFocusGenerator generator, DateOnly firstDay, DateOnly lastDay)
    {
        var oracle = SyntheticProvider.All.Single(p => p.Name == "Oracle");
        var costs = new List<OciSimulatedCost>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var cell in generator.Rows(oracle, day).GroupBy(r => (r.Sub, r.Service.Name, r.Region)))
            {
                var compartment = oracle.SubAccounts[cell.Key.Sub];
                costs.Add(new OciSimulatedCost(day, compartment, compartment[(compartment.LastIndexOf('.') + 1)..], cell.Key.Name, oracle.Regions[cell.Key.Region].Id,
                    cell.Sum(SyntheticFocusGenerator.Effective)));
            }
        }

        return new OciSimulatorData(oracle.BillingAccountId, costs,
            [
                new("us-ashburn-1", "Uocm:US-ASHBURN-AD-1", "gpu-h100-count", 128, 64),
                new("us-ashburn-1", "Uocm:US-ASHBURN-AD-2", "gpu-h100-count", 64, 0),
                new("us-ashburn-1", "Uocm:US-ASHBURN-AD-1", "gpu-b200-count", 0, 32),
            ]);
    }
}
