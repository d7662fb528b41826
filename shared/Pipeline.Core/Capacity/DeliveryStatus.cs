namespace Pipeline.Core.Capacity;

/// <summary>A capacity commitment's contracted GPUs today against what the provider actually gives us.</summary>
public sealed record DeliveryStatus(
    string CommitmentId,
    string Name,
    string ProviderName,
    string AcceleratorModel,
    DateOnly AsOf,
    int ContractedGpus,
    decimal DeliveredGpus,
    DateOnly? NextDeliveryDate,
    int? NextDeliveryGpus)
{
    public decimal ShortfallGpus => Math.Max(0m, ContractedGpus - DeliveredGpus);

    public bool Behind => DeliveredGpus < ContractedGpus;
}
