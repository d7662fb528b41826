namespace Pipeline.Connectors.Oci;

/// <summary>
/// Limits API <c>GetResourceAvailability</c> results (GPU counts) and compute capacity reservations as capacity
/// observations. The Limits API answers one (limit name, availability domain) at a time, so each result is paired with
/// the request's limit name and AD.
/// </summary>
public static class OciCapacityParser
{
    public static CapacityObservation Parse(JsonElement availability, string tenancyId, string region, string availabilityDomain, string limitName)
    {
        var what = $"OCI resource availability of {limitName} in {availabilityDomain}";
        var used = availability.RequiredNumber("used", what, OciProvider.DisplayName);
        var available = availability.RequiredNumber("available", what, OciProvider.DisplayName);
        return new CapacityObservation(OciProvider.FocusName, tenancyId, region, CapacityKind.Quota, limitName, used + available, used, availabilityDomain);
    }

    /// <summary>
    /// A <c>ComputeCapacityReservation</c>: one observation per <c>instanceReservationConfigs</c> entry of a GPU shape
    /// (reserved = <c>reservedCount</c>, used = <c>usedCount</c>, instances), its resource id the reservation's OCID and
    /// fault domain (with the config's position when two share both), its state the reservation's <c>lifecycleState</c>.
    /// </summary>
    public static IEnumerable<CapacityObservation> ParseReservation(JsonElement reservation, string tenancyId, string region)
    {
        var id = reservation.RequiredString("id", "OCI capacity reservation", OciProvider.DisplayName);
        var what = $"OCI capacity reservation {id}";
        var state = reservation.String("lifecycleState");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var config in reservation.Array("instanceReservationConfigs"))
        {
            index++;
            var shape = config.RequiredString("instanceShape", what, OciProvider.DisplayName);
            if (!shape.Contains("GPU", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = $"{shape}|{config.String("faultDomain")}";
            var resource = config.String("faultDomain") is { } fd ? $"{id}/{fd}" : id;
            if (!seen.Add(key))
            {
                resource += $"#{index}";
            }

            yield return new CapacityObservation(OciProvider.FocusName, tenancyId, region, CapacityKind.Reservation, shape,
                config.RequiredNumber("reservedCount", what, OciProvider.DisplayName), config.Number("usedCount") ?? 0m, resource, State: state);
        }
    }
}
