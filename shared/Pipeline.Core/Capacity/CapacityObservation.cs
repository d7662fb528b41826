namespace Pipeline.Core.Capacity;

/// <summary>
/// What a provider API said about one quota or reservation, in the provider's own terms, before the catalog
/// converts it. <see cref="Used"/> is null where the API does not report usage (AWS quotas without CloudWatch).
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
    DateTimeOffset? End = null);
