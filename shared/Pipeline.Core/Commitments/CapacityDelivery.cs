namespace Pipeline.Core.Commitments;

/// <summary>From <see cref="Date"/> on, <see cref="Gpus"/> GPUs are contracted (the schedule is cumulative).</summary>
public sealed record CapacityDelivery(DateOnly Date, int Gpus);
