using Pipeline.Simulators.Oci;

namespace Pipeline.Cli.Demo;

/// <summary>
/// The demo's Oracle data as the OCI simulator serves it: the synthetic Oracle rows as Usage API daily items (the
/// amount after the contract's discounts), the Universal Credits commitment of the sample file (the file keeps its
/// definition, OneSubscription supplies the used and available amounts), and GPU limit availability per availability domain, shaped to show a
/// sold-out domain and a capacity commitment whose delivery is behind.
/// </summary>
internal static class OciDemoData
{
    public const string SubscribedService = "ocid1.subscribedservice.oc1..simulator";

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

        // Universal Credits as OneSubscription reports them: used = the spend since the term began.
        var start = new DateOnly(2026, 6, 1);
        var used = Math.Round(costs.Where(c => c.Day >= start).Sum(c => c.Amount), 2);
        return new OciSimulatorData(oracle.BillingAccountId, costs,
            [
                new("us-ashburn-1", "Uocm:US-ASHBURN-AD-1", "gpu-h100-count", 128, 64),
                new("us-ashburn-1", "Uocm:US-ASHBURN-AD-2", "gpu-h100-count", 64, 0),
                new("us-ashburn-1", "Uocm:US-ASHBURN-AD-1", "gpu-b200-count", 0, 32),
            ],
            [new(SubscribedService, "ucm-2026", start, start.AddYears(1), used, 12_000_000m - used)],
            [
                // A reserved H100 cluster in two fault domains, partly running, and a deleted reservation that holds nothing.
                new("us-ashburn-1", oracle.BillingAccountId, "ocid1.capacityreservation.oc1.iad.h100demo", "h100-training", "Uocm:US-ASHBURN-AD-1", "ACTIVE",
                    [new("BM.GPU.H100.8", "FAULT-DOMAIN-1", 2, 2), new("BM.GPU.H100.8", "FAULT-DOMAIN-2", 2, 1)]),
                new("us-ashburn-1", oracle.BillingAccountId, "ocid1.capacityreservation.oc1.iad.olddemo", "retired", "Uocm:US-ASHBURN-AD-2", "DELETED",
                    [new("BM.GPU.A100-v2.8", null, 4, 0)]),
            ]);
    }
}
