namespace Pipeline.Core.Capacity;

/// <summary>
/// One row of the <c>capacity</c> table: a quota or reservation in the provider's unit and converted to GPUs.
/// Limit is the quota limit or the reserved instance count; Available is what could still be launched in it.
/// </summary>
public sealed record CapacityRecord
{
    public required string ProviderName { get; init; }

    public required string SubAccountId { get; init; }

    public required string RegionId { get; init; }

    public required CapacityKind Kind { get; init; }

    /// <summary>The provider's own name: quota family / metric / code, instance type, shape or limit name.</summary>
    public required string Family { get; init; }

    /// <summary>Reservation or capacity block id; null for quotas.</summary>
    public string? ResourceId { get; init; }

    /// <summary>Normalized model from the accelerator catalog, or <c>unknown</c>.</summary>
    public required string AcceleratorModel { get; init; }

    public required CapacityUnit Unit { get; init; }

    public required decimal Limit { get; init; }

    public decimal? Used { get; init; }

    public decimal? Available => Used is { } used ? Math.Max(0m, Limit - used) : null;

    public decimal? GpusLimit { get; init; }

    public decimal? GpusUsed { get; init; }

    public decimal? GpusAvailable { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public required DateTimeOffset SnapshotAt { get; init; }

    /// <summary>Whether the family is in the accelerator catalog (false: reported as unknown, kept with no GPU numbers).</summary>
    public required bool Catalogued { get; init; }

    /// <summary>Spot / preemptible capacity: launchable but never counted as delivered.</summary>
    public bool Spot { get; init; }

    /// <summary>Reservations: the instances the provider actually holds, where it reports them (null: not reported).</summary>
    public decimal? Granted { get; init; }

    /// <summary>Reserved but not granted: what was asked minus what the provider holds (0 when fully granted or unknown).</summary>
    public decimal Shortfall => Granted is { } granted && granted < Limit ? Limit - granted : 0m;

    /// <summary>The provider's lifecycle state of the reservation or block, where it has one.</summary>
    public string? State { get; init; }

    /// <summary>Used / Limit, when both are known and the limit is positive.</summary>
    public decimal? Utilization => Used is { } used && Limit > 0 ? used / Limit : null;
}
