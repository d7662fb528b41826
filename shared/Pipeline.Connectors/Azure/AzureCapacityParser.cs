namespace Pipeline.Connectors.Azure;

/// <summary>
/// Compute <c>locations/{location}/usages</c> (per-family vCPU quotas) and capacity reservations (<c>$expand=instanceView</c>)
/// as capacity observations. Only GPU families are kept: catalogued ones and any whose name looks like an N-series
/// family (reported as unknown by the normalizer rather than dropped).
/// </summary>
public static class AzureCapacityParser
{
    public static IEnumerable<CapacityObservation> ParseUsages(JsonElement response, string subscriptionId, string location, AcceleratorCatalog catalog)
    {
        foreach (var usage in response.Array("value"))
        {
            var name = usage.Property("name") is { } n ? n.RequiredString("value", "Azure usage name", AzureProvider.DisplayName) : throw new ProviderBadResponseException(AzureProvider.DisplayName, "Azure usage: 'name' is missing");
            if (catalog.Find(AzureProvider.FocusName, name) is null && !LooksLikeGpuFamily(name))
            {
                continue;
            }

            yield return new CapacityObservation(AzureProvider.FocusName, subscriptionId, location, CapacityKind.Quota, name,
                usage.RequiredNumber("limit", "Azure usage", AzureProvider.DisplayName), usage.RequiredNumber("currentValue", "Azure usage", AzureProvider.DisplayName));
        }
    }

    /// <summary>
    /// A list (<c>value</c>) of capacity reservations of GPU sizes (others are skipped). Reserved = <c>sku.capacity</c>;
    /// used = the VMs in <c>instanceView.utilizationInfo.virtualMachinesAllocated</c> (what runs on it); granted =
    /// <c>utilizationInfo.currentCapacity</c>, which the Compute spec defines as the capacity reserved successfully and
    /// billed, not what is in use. Without an instance view neither is known.
    /// </summary>
    public static IEnumerable<CapacityObservation> ParseCapacityReservations(JsonElement response)
    {
        foreach (var r in response.Array("value"))
        {
            var what = "Azure capacity reservation";
            var id = r.RequiredString("id", what, AzureProvider.DisplayName);
            var sku = r.Property("sku") ?? throw new ProviderBadResponseException(AzureProvider.DisplayName, $"{what} {id}: 'sku' is missing");
            if (!LooksLikeGpuSize(sku.RequiredString("name", what, AzureProvider.DisplayName)))
            {
                continue;
            }

            var utilization = r.Property("properties")?.Property("instanceView")?.Property("utilizationInfo");
            decimal? used = utilization is { } u ? u.Array("virtualMachinesAllocated").Count() : null;
            var granted = utilization?.Number("currentCapacity");
            yield return new CapacityObservation(AzureProvider.FocusName, SubscriptionOf(id), r.RequiredString("location", what, AzureProvider.DisplayName), CapacityKind.Reservation,
                sku.RequiredString("name", what, AzureProvider.DisplayName), sku.RequiredNumber("capacity", what, AzureProvider.DisplayName), used, id,
                Granted: granted, State: r.Property("properties")?.String("provisioningState"));
        }
    }

    /// <summary>N-series families (NC, ND, NV, NG) carry GPUs; casing and spaces vary, so compare loosely.</summary>
    public static bool LooksLikeGpuFamily(string name)
    {
        var compact = name.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var stem = compact.StartsWith("STANDARD", StringComparison.Ordinal) ? compact[8..] : compact;
        return stem.StartsWith("NC", StringComparison.Ordinal) || stem.StartsWith("ND", StringComparison.Ordinal)
               || stem.StartsWith("NV", StringComparison.Ordinal) || stem.StartsWith("NG", StringComparison.Ordinal);
    }

    /// <summary>VM sizes such as <c>Standard_ND96isr_H100_v5</c>: the N-series letters follow the tier prefix.</summary>
    public static bool LooksLikeGpuSize(string size)
    {
        var parts = size.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var series = parts.Length > 1 && parts[0].Equals("Standard", StringComparison.OrdinalIgnoreCase) ? parts[1] : parts.FirstOrDefault() ?? string.Empty;
        return series.Length > 2 && series[0] is 'N' or 'n' && char.ToUpperInvariant(series[1]) is 'C' or 'D' or 'V' or 'G';
    }

    private static string SubscriptionOf(string resourceId)
    {
        var parts = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.FindIndex(parts, p => p.Equals("subscriptions", StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < parts.Length ? parts[index + 1] : "unknown";
    }
}
