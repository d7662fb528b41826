namespace Pipeline.Core.Capacity;

public enum CapacityKind
{
    /// <summary>A limit on what may be launched (vCPU or GPU quota, service limit).</summary>
    Quota,

    /// <summary>Capacity held for us (EC2 capacity reservation, Azure capacity reservation, GCE reservation).</summary>
    Reservation,

    /// <summary>Time-boxed reserved GPU capacity (EC2 Capacity Blocks for ML).</summary>
    CapacityBlock,
}
