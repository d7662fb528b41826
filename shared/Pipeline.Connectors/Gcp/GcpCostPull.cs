using Pipeline.Core.Costs;

namespace Pipeline.Connectors.Gcp;

/// <summary>What one billing-export pull returned: daily rows, API calls made and bytes BigQuery processed (billed).</summary>
public sealed record GcpCostPull(IReadOnlyList<CostRow> Rows, int ApiCalls, long BytesProcessed);
