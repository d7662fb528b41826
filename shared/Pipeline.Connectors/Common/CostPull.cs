using Pipeline.Core.Costs;

namespace Pipeline.Connectors.Common;

/// <summary>
/// What one provider cost pull returned, whatever the cloud: the daily rows and what calling took: API calls, retries,
/// the time throttling made it wait, the bytes a query scanned. Paid calls are counted as they happen, by the
/// <see cref="PaidCallCounter"/> the ingestion hands in, so a failed pull still records them. The run record takes these as they are.
/// </summary>
public sealed record CostPull(IReadOnlyList<CostRow> Rows, int ApiCalls, TimeSpan ThrottledFor = default, int Retries = 0, long BytesScanned = 0);
