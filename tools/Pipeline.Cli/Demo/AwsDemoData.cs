using Pipeline.Simulators.Aws;

namespace Pipeline.Cli.Demo;

/// <summary>The demo's AWS data as the AWS simulator serves it: the synthetic AWS rows as Cost Explorer cells, plus GPU quotas and reservations.</summary>
internal static class AwsDemoData
{
    public static AwsSimulatorData Create(SyntheticFocusGenerator generator, DateOnly firstDay, DateOnly lastDay, DateTimeOffset now)
    {
        var aws = SyntheticProvider.All.Single(p => p.Name == "AWS");
        var costs = new List<AwsSimulatedCost>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var cell in generator.Rows(aws, day).GroupBy(r => (r.Sub, r.Service.Name, r.Region)))
            {
                costs.Add(new AwsSimulatedCost(day, aws.SubAccounts[cell.Key.Sub], $"sub-{cell.Key.Sub}", cell.Key.Name, aws.Regions[cell.Key.Region].Id,
                    cell.Sum(r => r.Billed), cell.Sum(SyntheticFocusGenerator.Effective)));
            }
        }

        // Non-usage record types as Cost Explorer reports them: Enterprise Support billed on the 1st to the payer account.
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (day.Day == 1)
            {
                costs.Add(new AwsSimulatedCost(day, aws.SubAccounts[0], "sub-0", "AWS Support (Enterprise)", "global", 15_000m, 15_000m, "Support"));
            }
        }

        return new AwsSimulatorData(
            aws.BillingAccountId,
            costs,
            [
                new("us-east-1", "L-417A185B", "Running On-Demand P instances", 1536),
                new("us-east-1", "L-7212CCBC", "All P Spot Instance Requests", 384),
                new("us-east-1", "L-DB2E81BA", "Running On-Demand G and VT instances", 768),
                new("us-east-1", "L-2C3B7624", "Running On-Demand Trn instances", 384),
            ],
            [
                new("us-east-1", "cr-0a1b2c3d4e5f6a7b8", "p5.48xlarge", "us-east-1a", 8, 0, now.AddDays(-9), now.AddDays(5), CapacityBlock: true),
                new("us-east-1", "cr-1234abcd56EXAMPLE", "p5e.48xlarge", "us-east-1b", 4, 1, now.AddDays(-120), null, CapacityBlock: false),
            ],
            EstimatedFrom: lastDay.AddDays(-2));
    }
}
