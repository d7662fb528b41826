namespace Pipeline.Cli.Demo;

/// <summary>One synthetic source row: indexes into the provider's sub-accounts and regions, the service, and the billed amount.</summary>
internal sealed record SyntheticRow(int Sub, (string Name, string Category, decimal DailyBase, bool Gpu) Service, int Region, int Resource, string ChargeCategory, decimal Billed, bool Gpu);
