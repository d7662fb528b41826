namespace Pipeline.Connectors.Common;

/// <summary>
/// What one provider cost pull returned, whatever the cloud: the daily rows and the bytes a query scanned. What calling
/// took (requests, paid ones, retries, throttled time) is on the <see cref="Pipeline.Http.ProviderCallMeter"/> the
/// ingestion hands in, so a failed pull still records it.
/// </summary>
public sealed record CostPull(IReadOnlyList<CostRow> Rows, long BytesScanned = 0);
