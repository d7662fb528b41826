using Pipeline.Core.Costs;

namespace Pipeline.Connectors.Azure;

/// <summary>What one Cost Management pull returned: daily rows, the queries it took and the time it waited on throttling.</summary>
public sealed record AzureCostPull(IReadOnlyList<CostRow> Rows, int Queries, TimeSpan ThrottledFor);
