namespace Pipeline.Core.Capacity;

/// <summary>What a provider's capacity number counts.</summary>
public enum CapacityUnit
{
    Instance,
    Vcpu,
    Gpu,
}
