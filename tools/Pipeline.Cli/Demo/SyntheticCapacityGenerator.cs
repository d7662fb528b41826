using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Cli.Demo;

/// <summary>
/// Writes a capacity snapshot folder for the demo's Oracle capacity: each file is a response body in its API's real
/// shape (OCI GetResourceAvailability), shaped to show headroom and a delivery that is behind. AWS, Azure and Google
/// Cloud capacity come from their simulators through the real connectors.
/// </summary>
internal static class SyntheticCapacityGenerator
{
    public const string OciTenancy = "ocid1.tenancy.oc1..aaaaaaaaexampletenancy";

    public static IReadOnlyList<string> Write(string folder, DateTimeOffset now)
    {
        JsonObject Availability(string limit, string ad, int used, int available) => new()
        {
            ["limitName"] = limit, ["region"] = "us-ashburn-1", ["availabilityDomain"] = ad,
            ["availability"] = new JsonObject { ["used"] = used, ["available"] = available, ["fractionalUsage"] = (double)used, ["fractionalAvailability"] = (double)available },
        };

        var files = new Dictionary<string, JsonNode>
        {
            [$"oci/availability__{OciTenancy}.json"] = new JsonArray(
                Availability("gpu-h100-count", "Uocm:US-ASHBURN-AD-1", 128, 64),
                Availability("gpu-h100-count", "Uocm:US-ASHBURN-AD-2", 64, 0),
                Availability("gpu-b200-count", "Uocm:US-ASHBURN-AD-1", 0, 32)),
        };

        var written = new List<string>();
        foreach (var (name, json) in files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            written.Add(path);
        }

        return written;
    }
}
