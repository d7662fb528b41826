namespace Pipeline.Core.Capacity;

/// <summary>GPUs we could launch now in one provider region for one accelerator model.</summary>
public sealed record HeadroomRow(
    string ProviderName,
    string RegionId,
    string AcceleratorModel,
    decimal QuotaGpusAvailable,
    decimal ReservedGpusAvailable,
    decimal SpotGpusAvailable,
    decimal GpusLimit,
    decimal GpusUsed)
{
    /// <summary>On-demand quota headroom plus idle reserved capacity (spot is shown apart: it can be reclaimed).</summary>
    public decimal GpusAvailable => QuotaGpusAvailable + ReservedGpusAvailable;
}
