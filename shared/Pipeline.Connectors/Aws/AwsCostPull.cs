using Pipeline.Core.Costs;

namespace Pipeline.Connectors.Aws;

/// <summary>What one Cost Explorer pull returned: daily rows, the paid calls it took and the retries it spent.</summary>
public sealed record AwsCostPull(IReadOnlyList<CostRow> Rows, int PaidCalls, int Retries, int Accounts);
