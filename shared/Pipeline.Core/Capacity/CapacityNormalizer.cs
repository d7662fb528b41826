namespace Pipeline.Core.Capacity;

/// <summary>
/// Converts provider observations to capacity records with the accelerator catalog. A family the catalog does not
/// know is kept (model <c>unknown</c>, no GPU numbers) and listed in <see cref="Unknown"/>, never dropped.
/// GPU numbers count whole instances: available GPUs are those of the instances that still fit.
/// </summary>
public sealed class CapacityNormalizer(AcceleratorCatalog catalog)
{
    public const string UnknownModel = "unknown";

    private readonly SortedSet<string> _unknown = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Unknown => _unknown;

    public CapacityRecord Normalize(CapacityObservation o, DateTimeOffset snapshotAt)
    {
        var entry = catalog.Find(o.ProviderName, o.Family);
        if (entry is null)
        {
            _unknown.Add($"{o.ProviderName}: {o.Family}");
        }

        // Reservations are counted in instances whatever the catalog row's own unit (a quota family row, for example).
        var unit = o.Kind == CapacityKind.Quota ? entry?.Unit ?? CapacityUnit.Instance : CapacityUnit.Instance;
        var convert = (decimal quantity) => entry is null ? null : unit == entry.Unit ? entry.ToGpus(quantity) : (entry with { Unit = unit }).ToGpus(quantity);
        var gpusLimit = convert(o.Limit);
        var gpusAvailable = o.Used is { } used ? convert(Math.Max(0m, o.Limit - used)) : null;
        return new CapacityRecord
        {
            ProviderName = o.ProviderName,
            SubAccountId = o.SubAccountId,
            RegionId = o.RegionId,
            Kind = o.Kind,
            Family = o.Family,
            ResourceId = o.ResourceId,
            AcceleratorModel = entry?.AcceleratorModel ?? UnknownModel,
            Unit = unit,
            Limit = o.Limit,
            Used = o.Used,
            GpusLimit = gpusLimit,
            GpusAvailable = gpusAvailable,
            GpusUsed = gpusLimit is { } l && gpusAvailable is { } a ? l - a : null,
            Start = o.Start,
            End = o.End,
            SnapshotAt = snapshotAt,
            Catalogued = entry is not null,
            Spot = catalog.IsSpot(o.ProviderName, o.Family, entry),
            Granted = o.Granted,
            State = o.State,
        };
    }
}
