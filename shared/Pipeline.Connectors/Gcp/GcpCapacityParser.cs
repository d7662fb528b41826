namespace Pipeline.Connectors.Gcp;

/// <summary>
/// Compute <c>regions.get</c> quotas (GPU metrics are counted in GPUs; <c>metric</c> is a free string) and
/// <c>reservations.aggregatedList</c> (counts are int64 strings) as capacity observations.
/// </summary>
public static class GcpCapacityParser
{
    /// <summary>"Unlimited" quotas come back as 9.22e18; anything this large is treated as no limit and skipped.</summary>
    private const decimal Unlimited = 1e15m;

    public static IEnumerable<CapacityObservation> ParseRegion(JsonElement region, string project)
    {
        var name = region.RequiredString("name", "GCE region", GcpProvider.DisplayName);
        foreach (var quota in region.Array("quotas"))
        {
            var metric = quota.RequiredString("metric", $"GCE region {name} quota", GcpProvider.DisplayName);
            var limit = quota.RequiredNumber("limit", $"GCE region {name} quota {metric}", GcpProvider.DisplayName);
            if (!metric.Contains("GPUS", StringComparison.OrdinalIgnoreCase) || limit >= Unlimited)
            {
                continue;
            }

            yield return new CapacityObservation(GcpProvider.FocusName, project, name, CapacityKind.Quota, metric, limit, quota.Number("usage") ?? 0m);
        }
    }

    public static IEnumerable<CapacityObservation> ParseReservations(JsonElement response, string project)
    {
        if (response.Property("items") is not { ValueKind: JsonValueKind.Object } items)
        {
            yield break;
        }

        foreach (var scope in items.EnumerateObject())
        {
            foreach (var r in scope.Value.Array("reservations"))
            {
                var what = $"GCE reservation in {scope.Name}";
                var specific = r.Property("specificReservation") ?? throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{what}: 'specificReservation' is missing");
                var machineType = specific.Property("instanceProperties")?.String("machineType") ?? throw new ProviderBadResponseException(GcpProvider.DisplayName, $"{what}: machineType is missing");
                var zone = scope.Name.StartsWith("zones/", StringComparison.Ordinal) ? scope.Name[6..] : scope.Name;
                var region = zone.Length > 2 && zone[^2] == '-' ? zone[..^2] : zone;
                yield return new CapacityObservation(GcpProvider.FocusName, project, region, CapacityKind.Reservation, machineType,
                    specific.RequiredNumber("count", what, GcpProvider.DisplayName), specific.Number("inUseCount") ?? 0m, r.String("name"));
            }
        }
    }
}
