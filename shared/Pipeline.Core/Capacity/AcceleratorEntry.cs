namespace Pipeline.Core.Capacity;

/// <summary>One row of the accelerator catalog: what a provider's name means in accelerators.</summary>
public sealed record AcceleratorEntry(
    string Provider,
    string Kind,
    string Name,
    string AcceleratorModel,
    int? GpusPerInstance,
    int? VcpusPerInstance,
    CapacityUnit Unit,
    string Notes,
    string Source)
{
    /// <summary>
    /// Converts a quantity in this entry's unit to accelerators. vCPU quotas count whole instances of the reference size
    /// (you cannot launch a partial one): 384 vCPUs of ND H100 v5 (96 vCPU, 8 GPUs) are 4 instances, 32 GPUs.
    /// Null when the entry has no conversion (the shared spot bucket).
    /// </summary>
    public decimal? ToGpus(decimal quantity) => Unit switch
    {
        CapacityUnit.Gpu => quantity,
        CapacityUnit.Instance when GpusPerInstance is { } g => quantity * g,
        CapacityUnit.Vcpu when GpusPerInstance is { } g && VcpusPerInstance is > 0 and var v => Math.Floor(quantity / v) * g,
        _ => null,
    };
}
