namespace Pipeline.Application.Capacity;

/// <summary>What the capacity rules share: the subject key of a capacity record and the facts its emails list.</summary>
public static class CapacityAlertFacts
{
    /// <summary>provider|account|region|family[|resource]: one quota, reservation or capacity block.</summary>
    public static string Subject(CapacityRecord r) =>
        string.Join('|', new[] { r.ProviderName, r.SubAccountId, r.RegionId, r.Family, r.ResourceId }.Where(p => p is not null));

    public static string Unit(CapacityUnit unit) => unit switch
    {
        CapacityUnit.Vcpu => "vCPUs",
        CapacityUnit.Gpu => "GPUs",
        _ => "instances",
    };

    public static List<KeyValuePair<string, string>> Facts(CapacityRecord r) =>
    [
        new("Provider / account", $"{r.ProviderName} / {r.SubAccountId}"),
        new("Region", r.RegionId),
        new("Kind", r.Kind.ToString()),
        new("Family", r.Family + (r.ResourceId is null ? string.Empty : $" ({r.ResourceId})")),
        new("Accelerator", r.AcceleratorModel),
        new("Limit / used", $"{r.Limit:0} / {(r.Used is { } u ? u.ToString("0", CultureInfo.InvariantCulture) : "unknown")} {Unit(r.Unit)}"),
        new("GPUs limit / used / available", $"{r.GpusLimit:0} / {r.GpusUsed:0} / {r.GpusAvailable:0}"),
        new("Ends", r.End?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-"),
    ];
}
