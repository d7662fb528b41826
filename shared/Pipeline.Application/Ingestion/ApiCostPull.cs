using Pipeline.Core.Costs;

namespace Pipeline.Application.Ingestion;

/// <summary>What a provider pull hands to <see cref="ApiCostIngestion"/>: the rows and how much calling and waiting they took.</summary>
public sealed record ApiCostPull(IReadOnlyList<CostRow> Rows, int ApiCalls, TimeSpan ThrottledFor, long BytesScanned = 0);
