namespace Pipeline.Connectors.Oci;

/// <summary>
/// Limits API <c>GetResourceAvailability</c> results (GPU counts) as capacity observations. The API answers one
/// (limit name, availability domain) at a time, so each result is paired with the request's limit name and AD.
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
}
