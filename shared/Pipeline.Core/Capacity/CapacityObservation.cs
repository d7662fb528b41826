namespace Pipeline.Core.Capacity;

/// <summary>
/// What a provider API said about one quota or reservation, in the provider's own terms, before the catalog
/// converts it. <see cref="Used"/> is null where the API does not report usage (AWS quotas without CloudWatch).
/// <see cref="Granted"/> is what the provider actually holds for a reservation when it says so (Azure's
/// <c>currentCapacity</c>): below <see cref="Limit"/>, the reservation is short. <see cref="State"/> is the provider's
/// own lifecycle state where it has one (an OCI reservation's <c>lifecycleState</c>, a capacity block's state).
/// </summary>
public sealed record CapacityObservation(
    string ProviderName,
    string SubAccountId,
    string RegionId,
    CapacityKind Kind,
    string Family,
    decimal Limit,
    decimal? Used,
    string? ResourceId = null,
    DateTimeOffset? Start = null,
    DateTimeOffset? End = null,
    decimal? Granted = null,
    string? State = null);
