using Pipeline.Core.Commitments;

namespace Pipeline.Core.Capacity;

/// <summary>
/// Headroom and delivery (ARCHITECTURE §7). Headroom per provider x region x model = on-demand quota GPUs still
/// available + reserved GPUs still available. Delivered GPUs for a capacity commitment = on-demand quota limit in
/// GPUs + reserved GPUs (reservations and capacity blocks, whole) of its provider and model in its regions; spot
/// buckets never count, and unknown families cannot (they are reported instead).
/// </summary>
public static class CapacityAnalysis
{
    public static IReadOnlyList<HeadroomRow> Headroom(IEnumerable<CapacityRecord> latest) =>
        latest.Where(r => r.GpusLimit is not null)
            .GroupBy(r => (r.ProviderName, r.RegionId, r.AcceleratorModel))
            .Select(g => new HeadroomRow(g.Key.ProviderName, g.Key.RegionId, g.Key.AcceleratorModel,
                g.Where(r => r.Kind == CapacityKind.Quota && !r.Spot).Sum(r => r.GpusAvailable ?? r.GpusLimit ?? 0m),
                g.Where(r => r.Kind != CapacityKind.Quota).Sum(r => r.GpusAvailable ?? 0m),
                g.Where(r => r.Spot).Sum(r => r.GpusAvailable ?? r.GpusLimit ?? 0m),
                g.Where(r => !r.Spot).Sum(r => r.GpusLimit ?? 0m),
                g.Where(r => !r.Spot).Sum(r => r.GpusUsed ?? 0m)))
            .OrderBy(h => h.ProviderName, StringComparer.Ordinal).ThenBy(h => h.RegionId, StringComparer.Ordinal).ThenBy(h => h.AcceleratorModel, StringComparer.Ordinal)
            .ToList();

    public static DeliveryStatus Delivery(Commitment commitment, IEnumerable<CapacityRecord> latest, DateOnly asOf)
    {
        var model = commitment.AcceleratorModel ?? throw new ArgumentException($"Commitment {commitment.Id} is not a capacity commitment.", nameof(commitment));
        var delivered = latest.Where(r => r.ProviderName == commitment.ProviderName && !r.Spot
                                          && string.Equals(r.AcceleratorModel, model, StringComparison.OrdinalIgnoreCase)
                                          && (commitment.Regions.Count == 0 || commitment.Regions.Contains(r.RegionId, StringComparer.OrdinalIgnoreCase)))
            .Sum(r => r.GpusLimit ?? 0m);
        var next = commitment.Deliveries.FirstOrDefault(d => d.Date > asOf);
        return new DeliveryStatus(commitment.Id, commitment.Name, commitment.ProviderName, model, asOf, commitment.ContractedGpus(asOf), delivered, next?.Date, next?.Gpus);
    }
}
